package org.spatialx.technologies;

import java.nio.file.Path;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.technologies.detection.DefaultSampleDataDetector;
import org.spatialx.technologies.storage.LocalStorageView;

/** Runs the built-in detector over a local folder. */
final class Detections {

    static final DefaultSampleDataDetector DETECTOR = new DefaultSampleDataDetector(TechnologyCatalog.builtIns());

    private Detections() {
    }

    static DetectionResult detect(Path folder, String technology) {
        return DETECTOR.detect(folder.getFileName().toString(), technology, new LocalStorageView(), folder.toString());
    }
}
