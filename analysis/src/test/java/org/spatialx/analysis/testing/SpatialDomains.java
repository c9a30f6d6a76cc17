package org.spatialx.analysis.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * A generated tissue with known spatial domains, for region segmentation and neighbourhood analysis:
 * cells uniformly placed in a square at 100 µm² per cell; four horizontal bands with wavy borders and a
 * disc across two of them are the {@value #DOMAINS} domains; each domain draws its cells' types from
 * its own mixture of {@value #TYPES} cell types (90% on two or three main types that other domains
 * share in part, 10% spread evenly); each type raises a random 5% of the genes 3-10 fold over a
 * log-normal base; each cell has a log-normal library size and Poisson counts. Every cell draws from
 * its own stream of the seed, so the data depend on the seed only.
 *
 * @param counts    cells x genes, int counts
 * @param positions cell centres in microns
 * @param domains   each cell's domain, the truth regions are compared with
 * @param types     each cell's type
 */
public record SpatialDomains(ExpressionMatrix counts, DenseMatrix positions, int[] domains, int[] types) {

    public static final int DOMAINS = 5;
    public static final int TYPES = 8;
    private static final int[][] MAIN_TYPES = {{0, 1}, {1, 2, 3}, {3, 4}, {5, 6}, {0, 7, 2}};

    /** {@code cells} cells with {@code genes} genes. */
    public static SpatialDomains generate(int cells, int genes, long seed, Workers workers) {
        SplittableRandom random = new SplittableRandom(seed);
        double side = Math.sqrt(cells * 100.0);
        double[] base = new double[genes];
        for (int g = 0; g < genes; g++) {
            base[g] = Math.exp(-1.5 + 1.2 * normal(random));
        }
        double[][] mean = new double[TYPES][genes];
        for (int t = 0; t < TYPES; t++) {
            for (int g = 0; g < genes; g++) {
                mean[t][g] = base[g] * (random.nextDouble() < 0.05 ? 3 + 7 * random.nextDouble() : 1);
            }
        }
        double[][] mixture = new double[DOMAINS][TYPES];
        for (int d = 0; d < DOMAINS; d++) {
            Arrays.fill(mixture[d], 0.1 / TYPES);
            for (int t : MAIN_TYPES[d]) {
                mixture[d][t] += 0.9 / MAIN_TYPES[d].length;
            }
        }
        double[] xy = new double[cells * 2];
        int[] domains = new int[cells];
        int[] types = new int[cells];
        int[][] rowGenes = new int[cells][];
        int[][] rowCounts = new int[cells][];
        workers.forRange(cells, (part, from, to) -> {
            int[] genesBuffer = new int[genes];
            int[] countsBuffer = new int[genes];
            for (int cell = from; cell < to; cell++) {
                SplittableRandom own = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + cell + 1);
                double x = own.nextDouble() * side;
                double y = own.nextDouble() * side;
                xy[2 * cell] = x;
                xy[2 * cell + 1] = y;
                int domain = domain(x, y, side);
                domains[cell] = domain;
                int type = draw(mixture[domain], own.nextDouble());
                types[cell] = type;
                double library = Math.exp(0.35 * normal(own));
                int stored = 0;
                for (int g = 0; g < genes; g++) {
                    int count = poisson(mean[type][g] * library, own);
                    if (count > 0) {
                        genesBuffer[stored] = g;
                        countsBuffer[stored++] = count;
                    }
                }
                rowGenes[cell] = Arrays.copyOf(genesBuffer, stored);
                rowCounts[cell] = Arrays.copyOf(countsBuffer, stored);
            }
        });
        int[] indptr = new int[cells + 1];
        for (int cell = 0; cell < cells; cell++) {
            indptr[cell + 1] = indptr[cell] + rowGenes[cell].length;
        }
        int[] indices = new int[indptr[cells]];
        int[] values = new int[indptr[cells]];
        for (int cell = 0; cell < cells; cell++) {
            System.arraycopy(rowGenes[cell], 0, indices, indptr[cell], rowGenes[cell].length);
            System.arraycopy(rowCounts[cell], 0, values, indptr[cell], rowCounts[cell].length);
        }
        List<String> cellIds = new ArrayList<>(cells);
        for (int cell = 0; cell < cells; cell++) {
            cellIds.add("cell-" + cell);
        }
        List<String> geneNames = new ArrayList<>(genes);
        for (int g = 0; g < genes; g++) {
            geneNames.add("Gene" + g);
        }
        ExpressionMatrix counts = new ExpressionMatrix(cellIds, geneNames, geneNames, indptr, indices,
                new MatrixValues.Ints(values));
        return new SpatialDomains(counts, new DenseMatrix(cells, 2, xy), domains, types);
    }

    /** Bands 0-3 from the bottom with a wavy border, and domain 4, a disc centred at (0.65, 0.45) of the side. */
    private static int domain(double x, double y, double side) {
        double cx = x - 0.65 * side;
        double cy = y - 0.45 * side;
        if (cx * cx + cy * cy < 0.15 * side * 0.15 * side) {
            return 4;
        }
        double wavy = y + 0.06 * side * Math.sin(2 * Math.PI * x / (0.7 * side));
        return (int) Math.max(0, Math.min(3, Math.floor(wavy / side * 4)));
    }

    private static int draw(double[] probabilities, double u) {
        double cumulative = 0;
        for (int t = 0; t < probabilities.length - 1; t++) {
            cumulative += probabilities[t];
            if (u < cumulative) {
                return t;
            }
        }
        return probabilities.length - 1;
    }

    private static double normal(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.sin(2 * Math.PI * random.nextDouble());
    }

    /** A Poisson draw (also for other generated tests): Knuth's product of uniforms below 20, a rounded normal above. */
    public static int poisson(double mean, SplittableRandom random) {
        if (mean >= 20) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
