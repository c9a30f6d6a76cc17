package org.spatialx.technologies.tenx;

import java.util.Optional;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.formats.header.Hdf5Header;

/** The Space Ranger version of a Visium output: the {@code software_version} attribute of its matrix .h5. */
final class SpaceRangerVersion {

    private SpaceRangerVersion() {
    }

    static SoftwareVersion read(DetectionContext context, String layoutHint) {
        Optional<ElementReport> matrix = context.found("matrix");
        if (matrix.isPresent() && matrix.get().path().endsWith(".h5")) {
            Optional<String> version = context.localPath(matrix.get().path())
                    .flatMap(path -> Hdf5Header.rootAttribute(path, "software_version"));
            if (version.isPresent()) {
                return SoftwareVersion.of(version.get(), matrix.get().path() + " software_version");
            }
            return SoftwareVersion.unknown(matrix.get().path() + " has no software_version attribute" + layoutHint);
        }
        return SoftwareVersion.unknown("no matrix .h5 to read software_version from" + layoutHint);
    }
}
