package org.spatialx.technologies.tenx;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.ingestion.DataReader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.Technology;
import java.util.Optional;

/**
 * 10x Genomics Visium HD (Space Ranger 3.x-4.x): the 8 µm bin of {@code binned_outputs} by default,
 * else the first bin size present; also accepts one {@code square_NNNum} folder given directly.
 */
@Extension
public final class VisiumHdTechnology implements Technology {

    private static final Pattern BIN = Pattern.compile("square_(\\d+)um");

    @Override
    public String id() {
        return "VISIUM_HD";
    }

    @Override
    public String description() {
        return "10x Genomics Visium HD (Space Ranger 3.x-4.x binned outputs)";
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
                        file("spatial/tissue_hires_image.png").withNote("hires PNG"),
                        file("binned_outputs/square_008um/spatial/tissue_hires_image.png").withNote("hires PNG"),
                        file("binned_outputs/square_*um/spatial/tissue_hires_image.png").withNote("hires PNG"),
                        file("spatial/tissue_lowres_image.png").withNote("lowres PNG"),
                        file("binned_outputs/square_008um/spatial/tissue_lowres_image.png").withNote("lowres PNG"),
                        file("binned_outputs/square_*um/spatial/tissue_lowres_image.png").withNote("lowres PNG"))
                        .describedAs("tissue image (full resolution preferred)"),
                Element.required("matrix", "matrix",
                        file("binned_outputs/square_008um/filtered_feature_bc_matrix.h5").withNote("8 µm bins"),
                        file("binned_outputs/square_*um/filtered_feature_bc_matrix.h5"),
                        file("filtered_feature_bc_matrix.h5").withNote("a single bin folder"),
                        file("binned_outputs/square_008um/raw_feature_bc_matrix.h5"),
                        file("binned_outputs/square_*um/raw_feature_bc_matrix.h5"),
                        file("raw_feature_bc_matrix.h5"),
                        folder("binned_outputs/square_*um/filtered_feature_bc_matrix").withNote("MEX folder"))
                        .describedAs("bins x genes counts"),
                Element.required("tissue_positions", "tissue_positions",
                        file("binned_outputs/square_008um/spatial/tissue_positions.parquet"),
                        file("binned_outputs/square_*um/spatial/tissue_positions.parquet"),
                        file("spatial/tissue_positions.parquet").withNote("a single bin folder"))
                        .describedAs("bin barcodes and positions (parquet)"),
                Element.required("scalefactors", "scalefactors",
                        file("binned_outputs/square_008um/spatial/scalefactors_json.json"),
                        file("binned_outputs/square_*um/spatial/scalefactors_json.json"),
                        file("spatial/scalefactors_json.json"))
                        .describedAs("bin size, microns per pixel and image scale factors"),
                Element.reported("feature_slice", file("feature_slice.h5"))
                        .describedAs("2 µm feature slices (Space Ranger 3.x+)"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return SpaceRangerVersion.read(context, "");
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        List<String> warnings = new ArrayList<>();
        Set<String> bins = new TreeSet<>();
        for (StorageEntry entry : context.list("binned_outputs")) {
            if (entry.isFolder() && BIN.matcher(entry.name()).matches()) {
                bins.add(entry.name());
            }
        }
        for (StorageEntry entry : context.list("outs/binned_outputs")) {
            if (entry.isFolder() && BIN.matcher(entry.name()).matches()) {
                bins.add(entry.name());
            }
        }
        Set<String> used = new TreeSet<>();
        for (String element : List.of("matrix", "tissue_positions", "scalefactors")) {
            context.found(element).map(ElementReport::path).ifPresent(path -> {
                Matcher m = BIN.matcher(path);
                used.add(m.find() ? m.group() : "(bin folder given)");
            });
        }
        if (bins.size() > 1) {
            warnings.add("bin sizes present: " + String.join(", ", bins) + "; using " + String.join(", ", used));
        }
        boolean segmented = context.list("").stream().anyMatch(e -> e.isFolder() && e.name().equals("segmented_outputs"))
                || context.list("outs").stream().anyMatch(e -> e.isFolder() && e.name().equals("segmented_outputs"));
        if (segmented) {
            warnings.add("segmented_outputs/ present (Space Ranger 4.x cell segmentation): VISIUM_HD_TO_SC submits the cells too");
        }
        if (used.size() > 1) {
            warnings.add("matrix, positions and scale factors come from different bins: " + used
                    + " (give the square_NNNum folder to choose one)");
        }
        return warnings;
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new SpaceRangerReader());
    }
}
