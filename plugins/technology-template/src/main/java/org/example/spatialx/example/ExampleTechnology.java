package org.example.spatialx.example;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;

/**
 * One sample folder of an instrument, declared for {@code spatialx parse} and the connector's
 * {@code parse_data_information}: rename the class, the id and the file patterns to your
 * instrument's. Compiles against spatialx-api alone.
 *
 * <p>This example instrument writes a genes x spots matrix {@code <sample>_matrix.mtx} with its
 * {@code <sample>_barcodes.tsv}, the spot positions {@code <sample>_positions.csv}, a tissue image
 * and a {@code run_summary.json} naming its software version, in the sample folder or its
 * {@code outs/} folder.
 */
@Extension
public final class ExampleTechnology implements Technology {

    private static final Pattern VERSION = Pattern.compile("\"software_version\"\\s*:\\s*\"([^\"]+)\"");

    /** What users pass to {@code --technology}; unique among the host's technologies. */
    @Override
    public String id() {
        return "EXAMPLE";
    }

    @Override
    public String description() {
        return "Example instrument (rename me): counts matrix, spot positions, tissue image";
    }

    /** The sample folder itself, then its {@code outs/} folder. */
    @Override
    public List<String> roots() {
        return List.of("", "outs");
    }

    /**
     * The parts of the output, each with the file names it may have, preferred first. The second
     * argument of {@code required}/{@code optional} is the SampleData key it is sent under
     * (docs/writing-a-plugin.md lists the keys); {@code checked} and {@code reported} ones are only
     * looked for and shown.
     */
    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("matrix", "matrix", file("*_matrix.mtx"), file("*_matrix.mtx.gz"))
                        .describedAs("genes x spots counts (Matrix Market)"),
                Element.checked("barcodes", file("*_barcodes.tsv"), file("*_barcodes.tsv.gz"))
                        .describedAs("the spot barcodes, the matrix's columns"),
                Element.required("tissue_positions", "tissue_positions", file("*_positions.csv"))
                        .describedAs("spot barcodes with x/y positions in pixels of the image"),
                Element.optional("images", "images", file("*_tissue.tif"), folder("images"))
                        .describedAs("the tissue image"),
                Element.reported("run_summary", file("run_summary.json"))
                        .describedAs("run metrics and the software version"));
    }

    /** The software version, read from the first bytes of {@code run_summary.json} (never from images). */
    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        Optional<ElementReport> summary = context.found("run_summary");
        if (summary.isEmpty()) {
            return SoftwareVersion.unknown("no run_summary.json");
        }
        return context.readText(summary.get().path(), 16 * 1024)
                .map(VERSION::matcher)
                .filter(Matcher::find)
                .map(found -> SoftwareVersion.of(found.group(1), summary.get().path() + " software_version"))
                .orElse(SoftwareVersion.unknown(summary.get().path() + " names no software_version"));
    }
}
