package org.spatialx.technologies.nanostring;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spatialx.api.KeyValue;
import org.spatialx.api.technology.Alternative;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.technologies.header.TextHeader;

/**
 * The CosMx SMI flat-file export shared by both versions: {@code <run>_fov_positions_file},
 * {@code <run>_tx_file}, {@code CellLabels/}, morphology images, in a sample folder or its
 * {@code <run>-Flat_files_and_images} sub-folder. Files then folders, as in protocol section 6:
 * fov_positions, transcripts; images, segmentation; argument {@code mpp = 0.18}.
 */
final class CosmxLayout {

    /** Microns per pixel of CosMx images, sent as the {@code mpp} argument like the server's parse. */
    static final double MICRONS_PER_PIXEL = 0.18;

    private CosmxLayout() {
    }

    /** Flat-file alternatives, the preferred compression first. */
    private static Alternative[] flatFile(String suffix, boolean gzipFirst) {
        String first = gzipFirst ? ".csv.gz" : ".csv";
        String second = gzipFirst ? ".csv" : ".csv.gz";
        return new Alternative[] {
            file("*-Flat_files_and_images/*" + suffix + first),
            file("*" + suffix + first),
            file("*-Flat_files_and_images/*" + suffix + second),
            file("*" + suffix + second)
        };
    }

    static List<Element> elements(boolean gzipFirst) {
        return List.of(
                Element.required("fov_positions", "fov_positions", flatFile("_fov_positions_file", gzipFirst))
                        .describedAs("FOV offsets in the slide (px in legacy exports, mm in AtoMx exports)"),
                Element.required("transcripts", "transcripts", flatFile("_tx_file", gzipFirst))
                        .describedAs("transcripts with FOV-local and global positions"),
                Element.optional("images", "images",
                        folder("*-RawMorphologyImages").withNote("raw morphology z-stacks"),
                        folder("RawMorphologyImages").withNote("raw morphology z-stacks"),
                        folder("*-Flat_files_and_images/RawMorphologyImages").withNote("raw morphology z-stacks"),
                        folder("*-Flat_files_and_images/CellComposite").withNote("RGB composites, not raw morphology"),
                        folder("CellComposite").withNote("RGB composites, not raw morphology"))
                        .describedAs("morphology images per FOV"),
                Element.optional("segmentation", "segmentation",
                        folder("*-Flat_files_and_images/CellLabels"),
                        folder("CellLabels"))
                        .describedAs("cell label masks per FOV"),
                Element.reported("expression_matrix", flatFile("_exprMat_file", gzipFirst))
                        .describedAs("cells x genes counts"),
                Element.reported("cell_metadata", flatFile("_metadata_file", gzipFirst))
                        .describedAs("per-cell areas, centres and stain intensities"),
                Element.reported("polygons", flatFile("-polygons", gzipFirst))
                        .describedAs("cell outline vertices"));
    }

    static List<KeyValue> args() {
        return List.of(new KeyValue("mpp", MICRONS_PER_PIXEL));
    }

    /** CosMx flat files carry no software version; the FOV position units tell the export generation. */
    static SoftwareVersion version(DetectionContext context) {
        Optional<String> unit = positionUnit(context);
        String layout = unit.map(u -> u.equals("mm")
                        ? "FOV positions in mm (AtoMx export)"
                        : "FOV positions in px (legacy flat-file export)")
                .orElse("FOV positions unreadable");
        return SoftwareVersion.unknown("CosMx flat files record no software version; " + layout);
    }

    /** {@code px} or {@code mm}, from the header of the FOV positions file. */
    static Optional<String> positionUnit(DetectionContext context) {
        return context.found("fov_positions")
                .flatMap(e -> TextHeader.firstLine(context, e.path()))
                .flatMap(header -> header.contains("_mm") ? Optional.of("mm")
                        : header.contains("_px") ? Optional.of("px") : Optional.empty());
    }

    static List<String> warnings(DetectionContext context, String technology, String expectedUnit, String other) {
        List<String> warnings = new ArrayList<>();
        positionUnit(context).filter(u -> !u.equals(expectedUnit)).ifPresent(u -> warnings.add(
                "FOV positions are in " + u + ", as in " + other + " exports; check the technology"));
        context.found("images").map(ElementReport::path).filter(p -> p.endsWith("CellComposite"))
                .ifPresent(p -> warnings.add("no RawMorphologyImages folder: using the RGB composites in " + p));
        if (context.found("segmentation").isEmpty() && context.found("polygons").isPresent()) {
            warnings.add("no CellLabels folder; the polygons file is not sent as segmentation by " + technology);
        }
        return warnings;
    }
}
