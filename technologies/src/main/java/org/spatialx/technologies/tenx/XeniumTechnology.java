package org.spatialx.technologies.tenx;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.ingestion.DataReader;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.technologies.header.TextHeader;

/**
 * 10x Genomics Xenium Onboard Analysis (1.x to 3.x) and Xenium Ranger outputs. The SampleData files
 * are, in order, experiment, images, alignment, segmentation, transcripts (protocol section 6); CSV
 * files are preferred where both exist because the SpatialX server picks them.
 */
@Extension
public final class XeniumTechnology implements Technology {

    static Element experiment() {
        return Element.required("experiment", "experiment", file("experiment.xenium"))
                .describedAs("run manifest (JSON) with the software version and pixel size");
    }

    static Element morphology() {
        return Element.optional("images", "images",
                file("morphology.ome.tif").withNote("XOA 1.x-3.x z-stack"),
                file("morphology_focus.ome.tif").withNote("XOA 1.x focus projection"),
                file("morphology_mip.ome.tif").withNote("XOA 1.x maximum projection"),
                file("morphology_focus/morphology_focus_0000.ome.tif").withNote("XOA 2.x+ multi-file focus image"),
                file("morphology_focus/ch0000_*.ome.tif").withNote("multi-file focus image, chNNNN_<stain> names"),
                file("morphology_focus/*.ome.tif").withNote("multi-file focus image"))
                .describedAs("morphology image (OME-TIFF, JPEG-2000 tiles; never decoded here)");
    }

    static Element segmentation() {
        return Element.optional("segmentation", "segmentation",
                file("cell_boundaries.csv.gz").withNote("XOA 1.x-2.x CSV"),
                file("cell_boundaries.parquet").withNote("parquet (XOA 1.3+, the only format from 3.0)"),
                file("cell_boundaries.csv"))
                .describedAs("cell boundary polygons");
    }

    static Element transcripts() {
        return Element.required("transcripts", "transcripts",
                file("transcripts.csv.gz").withNote("XOA 1.x-2.x CSV"),
                file("transcripts.parquet").withNote("parquet (XOA 1.3+, the only format from 3.0)"),
                file("transcripts.csv"))
                .describedAs("decoded transcripts with positions in microns");
    }

    static List<Element> reportedExtras() {
        return List.of(
                Element.reported("cell_matrix",
                        file("cell_feature_matrix.h5"),
                        folder("cell_feature_matrix").withNote("MEX folder"),
                        file("cell_feature_matrix.zarr.zip"))
                        .describedAs("cells x genes counts"),
                Element.reported("cells",
                        file("cells.parquet"), file("cells.csv.gz"), file("cells.zarr.zip"))
                        .describedAs("cell centroids and areas"),
                Element.reported("nucleus_segmentation",
                        file("nucleus_boundaries.parquet"), file("nucleus_boundaries.csv.gz"))
                        .describedAs("nucleus boundary polygons"));
    }

    @Override
    public String id() {
        return "XENIUM";
    }

    @Override
    public String description() {
        return "10x Genomics Xenium (Xenium Onboard Analysis 1.x-3.x, Xenium Ranger)";
    }

    @Override
    public List<String> roots() {
        return List.of("", "outs");
    }

    @Override
    public List<Element> elements() {
        List<Element> elements = new ArrayList<>(List.of(experiment(), morphology(),
                Element.optional("alignment", "alignment",
                        file("*_he_imagealignment.csv").withNote("H&E registration"),
                        file("*imagealignment.csv"))
                        .describedAs("optional H&E image alignment matrix"),
                segmentation(), transcripts()));
        elements.addAll(reportedExtras());
        return elements;
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return readExperimentVersion(context);
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        return layoutWarnings(context);
    }

    /** The version in {@code experiment.xenium}: {@code analysis_sw_version} (e.g. {@code xenium-3.0.0.15}). */
    static SoftwareVersion readExperimentVersion(DetectionContext context) {
        Optional<ElementReport> experiment = context.found("experiment");
        if (experiment.isEmpty()) {
            return SoftwareVersion.unknown("experiment.xenium is missing");
        }
        Optional<String> json = TextHeader.head(context, experiment.get().path());
        if (json.isEmpty()) {
            return SoftwareVersion.unknown(experiment.get().path() + " cannot be read");
        }
        Optional<String> analysis = TextHeader.jsonString(json.get(), "analysis_sw_version");
        if (analysis.isPresent()) {
            String major = TextHeader.jsonNumber(json.get(), "major_version").orElse("?");
            String minor = TextHeader.jsonNumber(json.get(), "minor_version").orElse("?");
            return SoftwareVersion.of(analysis.get(), experiment.get().path() + " analysis_sw_version (file format "
                    + major + "." + minor + ")");
        }
        return SoftwareVersion.unknown(experiment.get().path() + " has no analysis_sw_version");
    }

    static List<String> layoutWarnings(DetectionContext context) {
        List<String> warnings = new ArrayList<>();
        Optional<ElementReport> transcripts = context.found("transcripts");
        if (transcripts.isPresent() && transcripts.get().path().endsWith(".parquet")) {
            warnings.add("transcripts only as parquet (Xenium Onboard Analysis 3.x dropped transcripts.csv.gz)");
        }
        if (context.found("experiment").isPresent() && context.found("images").isEmpty()) {
            warnings.add("no morphology image: the data set will have no image layer");
        }
        return warnings;
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new XeniumReader());
    }
}
