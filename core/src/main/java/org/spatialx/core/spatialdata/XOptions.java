package org.spatialx.core.spatialdata;

import java.util.List;

/**
 * Which part of X to read: {@code genes} (names, ids or column numbers), {@code cells} (ids or row
 * numbers), or both.
 *
 * @param genes the genes, or null/empty for every gene of the cells
 * @param cells the cells, or null/empty for every cell of the genes
 */
public record XOptions(List<?> genes, List<?> cells) {

    /** Nothing chosen (X(...) then asks for genes or cells). */
    public static XOptions defaults() {
        return new XOptions(List.of(), List.of());
    }

    /** Every cell of {@code genes}. */
    public static XOptions genes(Object... genes) {
        return new XOptions(List.of(genes), List.of());
    }

    /** Every gene of {@code cells}. */
    public static XOptions cells(Object... cells) {
        return new XOptions(List.of(), List.of(cells));
    }
}
