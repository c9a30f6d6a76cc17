package org.spatialx.analysis.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.random.RandomNumbers;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * Generated counts with known cell types, for checks against the truth and for benchmarks: each
 * gene has a log-normal base expression, each cell type raises a random 5% of the genes (its
 * markers, 3-10 fold by default) and lowers another 2%, batches scale a fifth of the genes, cell
 * types have unequal sizes, each cell a log-normal library size; counts are Poisson. Every cell draws from its own seeded stream, so the data depend only on
 * the seed.
 *
 * @param counts     cells x genes, int counts
 * @param truth      each cell's type
 * @param batches    each cell's batch (0 when there is one)
 */
public record SyntheticCounts(ExpressionMatrix counts, int[] truth, int[] batches) {

    /**
     * What to generate.
     *
     * @param types       cell types
     * @param batches     batches
     * @param batchEffect the largest fold a batch multiplies a fifth of the genes by
     * @param foldMin     the smallest fold of a type's markers
     * @param foldMax     the largest fold of a type's markers
     */
    public record Design(int types, int batches, double batchEffect, double foldMin, double foldMax) {

        /** {@code types} well-separated types (markers 3-10 fold), one batch. */
        public static Design of(int types) {
            return new Design(types, 1, 1, 3, 10);
        }

        /** The same with {@code count} batches of up to {@code effect}-fold. */
        public Design withBatches(int count, double effect) {
            return new Design(types, count, effect, foldMin, foldMax);
        }

        /** The same with markers between {@code min} and {@code max} fold (closer types when low). */
        public Design withMarkers(double min, double max) {
            return new Design(types, batches, batchEffect, min, max);
        }
    }

    /** {@code cells x genes} with {@code types} well-separated cell types and one batch. */
    public static SyntheticCounts generate(int cells, int genes, int types, long seed, Workers workers) {
        return generate(cells, genes, Design.of(types), seed, workers);
    }

    /** {@code cells x genes} as {@code design} says. */
    public static SyntheticCounts generate(int cells, int genes, Design design, long seed, Workers workers) {
        int types = design.types();
        int batchCount = design.batches();
        double batchEffect = design.batchEffect();
        SplittableRandom random = new SplittableRandom(seed);
        double[] base = new double[genes];
        for (int g = 0; g < genes; g++) {
            base[g] = Math.exp(-1.5 + 1.2 * RandomNumbers.gaussian(random));
        }
        double[][] fold = new double[types][genes];
        for (int t = 0; t < types; t++) {
            Arrays.fill(fold[t], 1);
            for (int g = 0; g < genes; g++) {
                double u = random.nextDouble();
                if (u < 0.05) {
                    fold[t][g] = design.foldMin() + (design.foldMax() - design.foldMin()) * random.nextDouble();
                } else if (u < 0.07) {
                    fold[t][g] = 0.2 + 0.3 * random.nextDouble();
                }
            }
        }
        double[][] batchFold = new double[batchCount][genes];
        for (int b = 0; b < batchCount; b++) {
            Arrays.fill(batchFold[b], 1);
            for (int g = 0; g < genes && b > 0; g++) {
                if (random.nextDouble() < 0.2) {
                    batchFold[b][g] = Math.pow(batchEffect, 2 * random.nextDouble() - 1);
                }
            }
        }
        double[] typeWeights = new double[types];
        double weightSum = 0;
        for (int t = 0; t < types; t++) {
            typeWeights[t] = 1.0 / Math.sqrt(t + 1.0);
            weightSum += typeWeights[t];
        }
        double[] cumulative = new double[types];
        double running = 0;
        for (int t = 0; t < types; t++) {
            running += typeWeights[t] / weightSum;
            cumulative[t] = running;
        }
        int[] truth = new int[cells];
        int[] batches = new int[cells];
        int parts = 64;
        int[][] partIndices = new int[parts][];
        int[][] partValues = new int[parts][];
        int[] rowLengths = new int[cells];
        workers.forParts(cells, parts, (part, from, to) -> {
            int[] indices = new int[1024];
            int[] values = new int[1024];
            int size = 0;
            for (int cell = from; cell < to; cell++) {
                SplittableRandom cellRandom = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + cell);
                double u = cellRandom.nextDouble();
                int type = 0;
                while (type < types - 1 && u > cumulative[type]) {
                    type++;
                }
                int batch = cellRandom.nextInt(batchCount);
                truth[cell] = type;
                batches[cell] = batch;
                double library = Math.exp(0.35 * RandomNumbers.gaussian(cellRandom));
                int start = size;
                for (int g = 0; g < genes; g++) {
                    int count = poisson(base[g] * fold[type][g] * batchFold[batch][g] * library, cellRandom);
                    if (count > 0) {
                        if (size == indices.length) {
                            indices = Arrays.copyOf(indices, size * 2);
                            values = Arrays.copyOf(values, size * 2);
                        }
                        indices[size] = g;
                        values[size++] = count;
                    }
                }
                rowLengths[cell] = size - start;
            }
            partIndices[part] = Arrays.copyOf(indices, size);
            partValues[part] = Arrays.copyOf(values, size);
        });
        int[] indptr = new int[cells + 1];
        for (int cell = 0; cell < cells; cell++) {
            indptr[cell + 1] = Math.addExact(indptr[cell], rowLengths[cell]);
        }
        int[] indices = new int[indptr[cells]];
        int[] values = new int[indptr[cells]];
        for (int part = 0; part < parts; part++) {
            int at = indptr[Workers.partStart(cells, parts, part)];
            System.arraycopy(partIndices[part], 0, indices, at, partIndices[part].length);
            System.arraycopy(partValues[part], 0, values, at, partValues[part].length);
            partIndices[part] = null;
            partValues[part] = null;
        }
        List<String> cellIds = new ArrayList<>(cells);
        for (int cell = 0; cell < cells; cell++) {
            cellIds.add("cell" + cell);
        }
        List<String> geneIds = new ArrayList<>(genes);
        for (int g = 0; g < genes; g++) {
            geneIds.add("gene" + g);
        }
        ExpressionMatrix counts = new ExpressionMatrix(cellIds, geneIds, geneIds, indptr, indices,
                new MatrixValues.Ints(values));
        return new SyntheticCounts(counts, truth, batches);
    }

    /** Writes the counts (counts_indptr, counts_indices, counts_data, counts_shape) and truth.npy for Python. */
    public void write(Path folder) throws IOException {
        writeCounts(counts, folder);
        Npy.write(folder.resolve("truth.npy"), truth);
        Npy.write(folder.resolve("batches.npy"), batches);
    }

    /** Writes any count matrix the way reference_pipeline.py reads it. */
    public static void writeCounts(ExpressionMatrix counts, Path folder) throws IOException {
        Npy.write(folder.resolve("counts_indptr.npy"), counts.indptr());
        Npy.write(folder.resolve("counts_indices.npy"), counts.indices());
        if (counts.values() instanceof MatrixValues.Ints ints) {
            Npy.write(folder.resolve("counts_data.npy"), ints.values());
        } else {
            double[] values = new double[counts.nonZeroCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = counts.values().get(i);
            }
            Npy.write(folder.resolve("counts_data.npy"), values);
        }
        Npy.write(folder.resolve("counts_shape.npy"), new long[] {counts.cellCount(), counts.geneCount()});
    }

    /** Poisson by inversion for small means, a rounded normal above 30. */
    private static int poisson(double mean, SplittableRandom random) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * RandomNumbers.gaussian(random)));
        }
        double u = random.nextDouble();
        double p = Math.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u > cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /**
     * Poisson counts of {@code cells} cells x {@code genes} genes in two populations: cells with an even
     * index and odd ones. Gene means are log-normal (median {@code 0.3}); every fifth gene is 3 times
     * higher in the even population, every seventh 3 times lower; the cells' depths vary 4-fold. Gene 1
     * is never expressed. Counts are stored as {@code int}, with rows sorted by gene.
     */
    public static ExpressionMatrix twoPopulations(int cells, int genes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] base = new double[genes];
        for (int g = 0; g < genes; g++) {
            base[g] = 0.3 * Math.exp(0.8 * RandomNumbers.gaussian(random));
        }
        base[Math.min(1, genes - 1)] = 0;
        int[] indptr = new int[cells + 1];
        List<int[]> rows = new ArrayList<>();
        int nnz = 0;
        for (int c = 0; c < cells; c++) {
            double depth = 0.5 + 1.5 * random.nextDouble();
            int[] row = new int[genes * 2];
            int stored = 0;
            for (int g = 0; g < genes; g++) {
                double mean = base[g] * depth;
                if (c % 2 == 0 && g % 5 == 0) {
                    mean *= 3;
                } else if (c % 2 == 0 && g % 7 == 0) {
                    mean /= 3;
                }
                int count = poisson(mean, random);
                if (count > 0) {
                    row[stored++] = g;
                    row[stored++] = count;
                }
            }
            rows.add(java.util.Arrays.copyOf(row, stored));
            nnz += stored / 2;
            indptr[c + 1] = nnz;
        }
        int[] indices = new int[nnz];
        int[] values = new int[nnz];
        int at = 0;
        for (int[] row : rows) {
            for (int i = 0; i < row.length; i += 2) {
                indices[at] = row[i];
                values[at++] = row[i + 1];
            }
        }
        List<String> cellIds = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            cellIds.add("cell-" + c);
        }
        List<String> geneIds = new ArrayList<>();
        List<String> geneNames = new ArrayList<>();
        for (int g = 0; g < genes; g++) {
            geneIds.add("ENSG" + String.format("%011d", g));
            geneNames.add("Gene" + g);
        }
        return new ExpressionMatrix(cellIds, geneIds, geneNames, indptr, indices, new MatrixValues.Ints(values));
    }

    /** The indices {@code from, from + step, ...} below {@code to}. */
    public static List<Integer> every(int from, int to, int step) {
        List<Integer> indices = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            indices.add(i);
        }
        return indices;
    }
}
