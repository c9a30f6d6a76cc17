package org.spatialx.analysis.spatial;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.spatialx.analysis.clustering.ClusterLabels;
import org.spatialx.analysis.clustering.CommunityDetection;
import org.spatialx.analysis.neighbors.FuzzySimplicialSet;
import org.spatialx.analysis.neighbors.NearestNeighbors;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.api.data.SparseGraph;

/**
 * Tissue regions from the expression around each cell. Each cell's profile is its expression's
 * principal components ({@link ExpressionComponents}); its neighbourhood profile is the mean over the
 * cells within {@code radius} microns of it (itself included). Regions are communities of
 * neighbourhoods with similar profiles: Leiden at {@code resolution} on the UMAP connectivities of the
 * 15 nearest neighbours, as {@code clustering.leiden} does.
 *
 * <p>The communities are found among tiles, not cells. Overlapping neighbourhoods of nearby cells have
 * nearly the same mean, so a neighbour graph of cells follows space within a region, and modularity
 * cuts such a lattice into patches whatever the resolution. The layout is therefore cut into disjoint
 * square tiles (of the radius' disc area, smaller when that leaves fewer than 2,000 tiles, but holding
 * 5 cells on average at least); a tile's profile is the mean of its cells, independent of its
 * neighbours', and tiles of at least 3 cells are clustered. Each cell then joins the region whose mean
 * tile profile is nearest to its own neighbourhood profile, so region borders follow cells, not tiles.
 */
final class RegionSegmentation {

    static final int TARGET_TILES = 2_000;
    static final double MIN_MEAN_CELLS_PER_TILE = 5;
    static final int MIN_CELLS_PER_TILE = 3;
    static final int GRAPH_NEIGHBOURS = 15;

    /**
     * The regions and how they were found.
     *
     * @param regions        each cell's region, numbered by size (0 the largest)
     * @param meanNeighbours mean number of cells within the radius (the cell included)
     * @param tileSide       side of the tiles, microns
     * @param tiles          tiles clustered
     */
    record Result(int[] regions, double meanNeighbours, double tileSide, int tiles) {
    }

    private RegionSegmentation() {
    }

    /** The regions of cells at {@code positions} (microns) with {@code counts}. */
    static Result segment(ExpressionMatrix counts, DenseMatrix positions, double radius, double resolution, long seed,
            Workers workers, DoubleConsumer progress) {
        DenseMatrix profiles = ExpressionComponents.of(counts, seed, workers, f -> progress.accept(0.4 * f));
        workers.checkCancelled();
        SpatialGrid grid = SpatialGrid.of(positions, radius);
        int n = positions.rows();
        int d = profiles.cols();
        double[] neighbourhood = new double[n * d];
        long neighbours = NeighbourhoodMeans.average(grid, profiles.values(), d, null, neighbourhood, workers);
        progress.accept(0.6);
        Tiles tiles = Tiles.of(positions, radius, profiles);
        int[] assigned;
        if (tiles.count() < 2) {
            assigned = new int[n];
        } else {
            int k = Math.min(GRAPH_NEIGHBOURS - 1, tiles.count() - 1);
            KnnGraph knn = NearestNeighbors.of(tiles.profiles(), k, seed, workers);
            SparseGraph graph = FuzzySimplicialSet.connectivities(knn, 1, workers);
            progress.accept(0.75);
            int[] tileRegions = CommunityDetection.cluster(graph, CommunityDetection.Algorithm.LEIDEN, resolution,
                    seed, workers, iteration -> { });
            assigned = nearestRegion(neighbourhood, d, tiles, tileRegions, workers);
        }
        progress.accept(1);
        return new Result(ClusterLabels.bySize(assigned), neighbours / (double) n, tiles.side(), tiles.count());
    }

    /** Each cell's region: the one whose tile-weighted mean profile is nearest to its neighbourhood profile. */
    private static int[] nearestRegion(double[] neighbourhood, int d, Tiles tiles, int[] tileRegions, Workers workers) {
        int regions = Arrays.stream(tileRegions).max().orElse(0) + 1;
        double[] centres = new double[regions * d];
        double[] weight = new double[regions];
        for (int t = 0; t < tiles.count(); t++) {
            int region = tileRegions[t];
            weight[region] += tiles.cells()[t];
            for (int c = 0; c < d; c++) {
                centres[region * d + c] += tiles.cells()[t] * tiles.profiles().get(t, c);
            }
        }
        for (int r = 0; r < regions; r++) {
            for (int c = 0; c < d; c++) {
                centres[r * d + c] /= weight[r];
            }
        }
        int n = neighbourhood.length / d;
        int[] assigned = new int[n];
        workers.forRange(n, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int r = 0; r < regions; r++) {
                    double distance = 0;
                    for (int c = 0; c < d; c++) {
                        double diff = neighbourhood[i * d + c] - centres[r * d + c];
                        distance += diff * diff;
                    }
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        best = r;
                    }
                }
                assigned[i] = best;
            }
        });
        return assigned;
    }

    /**
     * Disjoint square tiles over the cells, with the mean profile of each tile of at least
     * {@value #MIN_CELLS_PER_TILE} cells.
     *
     * @param side     tile side, microns
     * @param profiles one row per kept tile
     * @param cells    cells in each kept tile
     */
    record Tiles(double side, DenseMatrix profiles, int[] cells) {

        static Tiles of(DenseMatrix positions, double radius, DenseMatrix cellProfiles) {
            int n = positions.rows();
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                minX = Math.min(minX, positions.get(i, 0));
                maxX = Math.max(maxX, positions.get(i, 0));
                minY = Math.min(minY, positions.get(i, 1));
                maxY = Math.max(maxY, positions.get(i, 1));
            }
            double area = Math.max((maxX - minX) * (maxY - minY), Double.MIN_NORMAL);
            double side = Math.max(Math.min(radius * Math.sqrt(Math.PI), Math.sqrt(area / TARGET_TILES)),
                    Math.sqrt(MIN_MEAN_CELLS_PER_TILE * area / n));
            long columns = (long) ((maxX - minX) / side) + 1;
            // the occupied tiles by row and column, sorted: a cell's tile is found by binary search
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                long column = (long) ((positions.get(i, 0) - minX) / side);
                long row = (long) ((positions.get(i, 1) - minY) / side);
                keys[i] = row * columns + column;
            }
            long[] distinct = Arrays.stream(keys).sorted().distinct().toArray();
            int[] size = new int[distinct.length];
            int[] tileOf = new int[n];
            for (int i = 0; i < n; i++) {
                tileOf[i] = Arrays.binarySearch(distinct, keys[i]);
                size[tileOf[i]]++;
            }
            int[] kept = new int[distinct.length];
            int count = 0;
            for (int t = 0; t < distinct.length; t++) {
                kept[t] = size[t] >= MIN_CELLS_PER_TILE ? count++ : -1;
            }
            int d = cellProfiles.cols();
            double[] profiles = new double[count * d];
            int[] cells = new int[count];
            for (int i = 0; i < n; i++) {
                int t = kept[tileOf[i]];
                if (t >= 0) {
                    cells[t]++;
                    for (int c = 0; c < d; c++) {
                        profiles[t * d + c] += cellProfiles.get(i, c);
                    }
                }
            }
            for (int t = 0; t < count; t++) {
                for (int c = 0; c < d; c++) {
                    profiles[t * d + c] /= cells[t];
                }
            }
            return new Tiles(side, new DenseMatrix(count, d, profiles), cells);
        }

        int count() {
            return cells.length;
        }
    }
}
