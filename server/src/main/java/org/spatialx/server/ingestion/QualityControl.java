package org.spatialx.server.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * The cell filters of a submission's {@code kwargs} (protocol 4.2), as SpatialX documents them: a
 * cell is kept when it has at least {@code min_genes} genes detected, at least {@code min_counts}
 * counts, and at most {@code mito_controls_percentage} of its counts from mitochondrial genes
 * ({@code MT-}, {@code mt-}) and control probes (Xenium's negative controls and codewords, CosMx's
 * {@code NegPrb}/{@code SystemControl}, MERSCOPE's {@code Blank-}). The percentage is a fraction
 * ({@code 0.25} = 25 %, today's default); values above 1 are read as percents ({@code 25}, the 0.1.x
 * default). A submission without these kwargs keeps every cell.
 *
 * @param minGenes        fewest genes detected a cell may have
 * @param minCounts       fewest counts a cell may have
 * @param maxMitoControls largest fraction of mitochondrial and control counts
 */
record QualityControl(double minGenes, double minCounts, double maxMitoControls) {

    /** Keeps every cell. */
    static final QualityControl NONE = new QualityControl(0, 0, Double.POSITIVE_INFINITY);

    private static final List<String> CONTROL_PREFIXES = List.of("mt-", "negcontrol", "blank", "negprb",
            "systemcontrol", "unassignedcodeword", "deprecatedcodeword", "intergenic_region", "antisense_");

    /** The filters of the kwargs, each absent one keeping every cell. */
    static QualityControl of(Map<String, String> kwargs) {
        double mito = number(kwargs, "mito_controls_percentage", Double.POSITIVE_INFINITY);
        return new QualityControl(number(kwargs, "min_genes", 0), number(kwargs, "min_counts", 0),
                mito > 1 ? mito / 100 : mito);
    }

    private static double number(Map<String, String> kwargs, String key, double absent) {
        String text = kwargs.get(key);
        if (text == null || text.isBlank() || text.equals("null")) {
            return absent;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kwargs '" + key + "' must be a number, got '" + text + "'");
        }
    }

    /** Which cells pass, and how many each filter removed. */
    record Outcome(boolean[] kept, int keptCount, int fewGenes, int fewCounts, int mitoControls) {
        int removed() {
            return kept.length - keptCount;
        }
    }

    /** Applies the filters to every row of {@code matrix}. */
    Outcome apply(ExpressionMatrix matrix) {
        boolean[] control = new boolean[matrix.geneCount()];
        for (int g = 0; g < control.length; g++) {
            String name = matrix.geneNames().get(g).toLowerCase(Locale.ROOT);
            for (String prefix : CONTROL_PREFIXES) {
                control[g] |= name.startsWith(prefix);
            }
        }
        boolean[] kept = new boolean[matrix.cellCount()];
        int keptCount = 0;
        int fewGenes = 0;
        int fewCounts = 0;
        int mito = 0;
        for (int c = 0; c < kept.length; c++) {
            int genes = 0;
            double total = 0;
            double controls = 0;
            for (int i = matrix.indptr()[c]; i < matrix.indptr()[c + 1]; i++) {
                double v = matrix.values().get(i);
                if (v != 0) {
                    genes++;
                }
                total += v;
                if (control[matrix.indices()[i]]) {
                    controls += v;
                }
            }
            if (genes < minGenes) {
                fewGenes++;
            } else if (total < minCounts) {
                fewCounts++;
            } else if (total > 0 && controls / total > maxMitoControls) {
                mito++;
            } else {
                kept[c] = true;
                keptCount++;
            }
        }
        return new Outcome(kept, keptCount, fewGenes, fewCounts, mito);
    }

    /** The filters as the log shows them. */
    String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("min_genes=" + format(minGenes));
        parts.add("min_counts=" + format(minCounts));
        parts.add("mito_controls_percentage="
                + (Double.isInfinite(maxMitoControls) ? "none" : format(maxMitoControls * 100) + "%"));
        return String.join(", ", parts);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
