package org.spatialx.api.technology;

import java.util.List;
import org.spatialx.api.SpatialXException;

/** A data folder could not be turned into SampleData; the message names what is missing and where we looked. */
public class DetectionException extends SpatialXException {

    private static final long serialVersionUID = 1L;

    private final transient List<DetectionReport> reports;

    /** An exception carrying the reports behind {@code message}. */
    public DetectionException(String message, List<DetectionReport> reports) {
        super(message);
        this.reports = List.copyOf(reports);
    }

    /** The reports that explain the failure. */
    public List<DetectionReport> reports() {
        return reports;
    }
}
