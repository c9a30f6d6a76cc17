package org.spatialx.technologies.vizgen;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.StorageEntry;

/**
 * A MERSCOPE region folder: {@code detected_transcripts.csv}, {@code images/mosaic_<stain>_z<N>.tif}
 * with {@code micron_to_mosaic_pixel_transform.csv}, {@code cell_by_gene.csv},
 * {@code cell_metadata.csv}, and cell boundaries as per-FOV HDF5 files (VER1) or one parquet (VER2).
 */
final class MerscopeLayout {

    private static final Pattern MOSAIC = Pattern.compile("mosaic_(.+)_z(\\d+)\\.tif");

    private MerscopeLayout() {
    }

    static List<String> roots() {
        return List.of("", "region_0");
    }

    static List<Element> elements(Element segmentation) {
        return List.of(
                Element.required("transcripts", "transcripts",
                        file("detected_transcripts.csv"), file("*detected_transcripts.csv"),
                        file("detected_transcripts.csv.gz"), file("detected_transcripts.parquet"))
                        .describedAs("transcripts with global positions in microns"),
                Element.required("images", "images", folder("images"))
                        .describedAs("mosaic_<stain>_z<N>.tif images and the micron-to-pixel transform"),
                segmentation,
                Element.reported("matrix", file("cell_by_gene.csv"), file("*cell_by_gene.csv"))
                        .describedAs("cells x genes counts"),
                Element.reported("cell_metadata", file("cell_metadata.csv"), file("*cell_metadata.csv"))
                        .describedAs("cell centres and volumes"),
                Element.reported("transform", file("images/micron_to_mosaic_pixel_transform.csv"))
                        .describedAs("3 x 3 affine from microns to mosaic pixels"));
    }

    static SoftwareVersion version(DetectionContext context) {
        return SoftwareVersion.unknown("MERSCOPE region outputs record no software version");
    }

    static List<String> warnings(DetectionContext context) {
        List<String> warnings = new ArrayList<>();
        context.found("images").ifPresent(images -> {
            Set<String> stains = new TreeSet<>();
            for (StorageEntry entry : context.list(images.path())) {
                Matcher m = MOSAIC.matcher(entry.name());
                if (m.matches()) {
                    stains.add(m.group(1));
                }
            }
            if (stains.isEmpty()) {
                warnings.add(images.path() + " holds no mosaic_<stain>_z<N>.tif image");
            }
            if (context.found("transform").isEmpty()) {
                warnings.add("no images/micron_to_mosaic_pixel_transform.csv: images cannot be placed in microns");
            }
        });
        return warnings;
    }
}
