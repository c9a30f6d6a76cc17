package org.spatialx.technologies.tenx;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.ingestion.DataReader;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import java.util.Optional;

/**
 * 10x Genomics Visium (Space Ranger 1.x-3.x), in a Space Ranger {@code outs} folder or a folder of
 * downloaded files with the data set id as prefix. Files in order: images, matrix,
 * tissue_positions, scalefactors (protocol section 6).
 */
@Extension
public final class VisiumTechnology implements Technology {

    @Override
    public String id() {
        return "VISIUM";
    }

    @Override
    public String description() {
        return "10x Genomics Visium (Space Ranger 1.x-3.x)";
    }

    @Override
    public List<String> roots() {
        return List.of("", "outs");
    }

    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("images", "images",
                        file("*tissue_image.btf").withNote("full-resolution BigTIFF"),
                        file("*tissue_image.tif").withNote("full-resolution TIFF"),
                        file("*image.tif").withNote("full-resolution TIFF"),
                        file("*image.jpg").withNote("full-resolution JPEG"),
                        file("spatial/tissue_hires_image.png").withNote("hires PNG, not full resolution"),
                        file("spatial/tissue_lowres_image.png").withNote("lowres PNG, not full resolution"))
                        .describedAs("tissue image (full resolution preferred)"),
                Element.required("matrix", "matrix",
                        file("*raw_feature_bc_matrix.h5"),
                        file("*filtered_feature_bc_matrix.h5"),
                        folder("*raw_feature_bc_matrix").withNote("MEX folder"),
                        folder("*filtered_feature_bc_matrix").withNote("MEX folder"))
                        .describedAs("spots x genes counts"),
                Element.required("tissue_positions", "tissue_positions",
                        file("spatial/tissue_positions.csv").withNote("Space Ranger 2.0+, with header"),
                        file("spatial/tissue_positions_list.csv").withNote("Space Ranger 1.x, no header"),
                        file("spatial/*tissue_positions.csv"),
                        file("spatial/*tissue_positions_list.csv"))
                        .describedAs("spot barcodes, array and pixel positions"),
                Element.required("scalefactors", "scalefactors",
                        file("spatial/scalefactors_json.json"),
                        file("spatial/*scalefactors_json.json"))
                        .describedAs("spot diameter and image scale factors"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        String hint = context.found("tissue_positions")
                .filter(p -> p.path().endsWith("tissue_positions_list.csv"))
                .map(p -> "; tissue_positions_list.csv suggests Space Ranger 1.x")
                .orElse("");
        return SpaceRangerVersion.read(context, hint);
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        List<String> warnings = new ArrayList<>();
        context.found("images").filter(i -> i.path().endsWith(".png")).ifPresent(i -> warnings.add(
                "no full-resolution image: using " + i.path() + " (spot pixel positions refer to the full-resolution image)"));
        context.found("matrix").map(ElementReport::path).filter(p -> p.contains("filtered_feature_bc_matrix"))
                .ifPresent(p -> warnings.add("using the filtered matrix " + p + " (the server's own parse takes the raw one)"));
        return warnings;
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new SpaceRangerReader());
    }
}
