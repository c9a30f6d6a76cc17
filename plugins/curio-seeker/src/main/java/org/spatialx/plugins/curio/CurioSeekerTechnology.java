package org.spatialx.plugins.curio;

import static org.spatialx.api.technology.Alternative.file;

import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;

/**
 * Curio Seeker (Curio Bioscience) outputs of one sample: the bead x gene matrix as
 * {@code <sample>_MoleculesPerMatchedBead.mtx} with {@code _barcodes.tsv} and {@code _genes.tsv},
 * the bead positions {@code <sample>_MatchedBeadLocation.csv}, and optionally the pipeline's
 * AnnData. An example of a third-party technology: it compiles against spatialx-api alone.
 */
@Extension
public final class CurioSeekerTechnology implements Technology {

    @Override
    public String id() {
        return "CURIO_SEEKER";
    }

    @Override
    public String description() {
        return "Curio Seeker spatial transcriptomics (bead matrix + matched bead locations)";
    }

    @Override
    public List<String> roots() {
        return List.of("", "OUTPUT");
    }

    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("matrix", "matrix", file("*_MoleculesPerMatchedBead.mtx"),
                                file("*_MoleculesPerMatchedBead.mtx.gz"))
                        .describedAs("genes x beads counts (Matrix Market)"),
                Element.checked("barcodes", file("*_barcodes.tsv"), file("*_barcodes.tsv.gz"))
                        .describedAs("column names of the matrix"),
                Element.checked("genes", file("*_genes.tsv"), file("*_genes.tsv.gz"))
                        .describedAs("row names of the matrix"),
                Element.required("tissue_positions", "tissue_positions", file("*_MatchedBeadLocation.csv"))
                        .describedAs("bead barcodes with x/y positions"),
                Element.optional("annotated_data", "annotated_data", file("*_anndata.h5ad"))
                        .describedAs("the pipeline's AnnData with clusters"),
                Element.reported("metrics", file("*_Metrics.csv")).describedAs("run metrics"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        Optional<ElementReport> metrics = context.found("metrics");
        if (metrics.isEmpty()) {
            return SoftwareVersion.unknown("no <sample>_Metrics.csv");
        }
        return context.readText(metrics.get().path(), 16 * 1024)
                .flatMap(text -> text.lines()
                        .filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("version"))
                        .findFirst())
                .map(line -> SoftwareVersion.of(line.substring(line.indexOf(',') + 1).trim(), metrics.get().path()))
                .orElse(SoftwareVersion.unknown(metrics.get().path() + " names no pipeline version"));
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        String matrix = context.found("matrix").map(ElementReport::path).orElse(null);
        String positions = context.found("tissue_positions").map(ElementReport::path).orElse(null);
        if (matrix != null && positions != null) {
            String sample = matrix.substring(0, matrix.indexOf("_MoleculesPerMatchedBead"));
            if (!positions.startsWith(sample + "_")) {
                return List.of("matrix and bead locations name different samples: " + matrix + ", " + positions);
            }
        }
        return List.of();
    }
}
