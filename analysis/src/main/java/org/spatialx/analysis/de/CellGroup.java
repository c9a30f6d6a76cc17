package org.spatialx.analysis.de;

import org.spatialx.api.data.ExpressionMatrix;

/**
 * The cells of one DE group: rows of a data set's counts, and where each tested gene is among its columns.
 *
 * @param counts  the data set's counts, cells x genes
 * @param rows    the group's rows of {@code counts}
 * @param columns column of {@code counts} of each tested gene, in tested order
 */
record CellGroup(ExpressionMatrix counts, int[] rows, int[] columns) {

    /** Number of cells. */
    int size() {
        return rows.length;
    }

    /** Tested position of each column of {@code counts}, -1 for a column that is not tested. */
    int[] positionOfColumn() {
        int[] position = new int[counts.geneCount()];
        java.util.Arrays.fill(position, -1);
        for (int gene = 0; gene < columns.length; gene++) {
            position[columns[gene]] = gene;
        }
        return position;
    }

    /** Whether the tested genes keep the column order, so that a row sorted by column is also sorted by gene. */
    boolean columnsAscending() {
        for (int gene = 1; gene < columns.length; gene++) {
            if (columns[gene] <= columns[gene - 1]) {
                return false;
            }
        }
        return true;
    }
}
