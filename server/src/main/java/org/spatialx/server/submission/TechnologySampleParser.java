package org.spatialx.server.submission;

import java.nio.file.Path;
import java.util.List;
import org.spatialx.api.SampleData;
import org.spatialx.api.technology.DetectionException;
import org.spatialx.api.detection.SampleDataDetector;
import org.spatialx.technologies.storage.LocalStorageView;

/**
 * The server's {@code parse_data_information} with the same technology extensions the connector
 * uses client-side, over the local disk, so both sides answer the same SampleData.
 */
public final class TechnologySampleParser implements SampleParser {

    private final SampleDataDetector detector;
    private final LocalStorageView storage = new LocalStorageView();

    /** A parser detecting with {@code detector}. */
    public TechnologySampleParser(SampleDataDetector detector) {
        this.detector = detector;
    }

    @Override
    public List<SampleData> parse(String dataName, String technology, Path dataPath) {
        try {
            return detector.detect(dataName, technology, storage, dataPath.toString()).requireSampleData();
        } catch (DetectionException missing) {
            // SampleParser's contract: an IllegalArgumentException's message goes to the client as is.
            throw new IllegalArgumentException(missing.getMessage(), missing);
        }
    }
}
