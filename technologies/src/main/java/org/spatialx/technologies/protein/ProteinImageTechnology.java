package org.spatialx.technologies.protein;

import java.util.Optional;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.technologies.header.TextHeader;

/** Reads the acquisition software of a protein image from the XML in its first bytes (pixels are never read). */
final class ProteinImageTechnology {

    private ProteinImageTechnology() {
    }

    static SoftwareVersion fromHeader(DetectionContext context, String regex, String field) {
        Optional<ElementReport> image = context.found("protein_images");
        if (image.isEmpty()) {
            return SoftwareVersion.unknown("no image");
        }
        String path = image.get().path();
        return TextHeader.head(context, path)
                .flatMap(text -> TextHeader.find(text, regex))
                .map(v -> SoftwareVersion.of(v.trim(), path + " " + field))
                .orElse(SoftwareVersion.unknown(path + ": no " + field + " in the first "
                        + TextHeader.HEAD_BYTES / 1024 + " KiB"));
    }
}
