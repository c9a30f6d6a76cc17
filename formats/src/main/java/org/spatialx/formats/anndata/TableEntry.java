package org.spatialx.formats.anndata;

import java.util.Objects;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;

/**
 * One thing written into a table: an obs or var column, an obsm matrix or a result table. Each has
 * an {@code id} (its key on disk, e.g. {@code AN-1f2e...} for an analysis output, {@code spatial})
 * and a {@code name} users see (e.g. {@code Connector - PCA}, {@code Spatial Cell centers}), kept in
 * the slot's {@code elements} attribute.
 */
public sealed interface TableEntry {

    /** The key on disk: not empty, no {@code /}, not starting with {@code .} or {@code _}. */
    String id();

    /** The name users see. */
    String name();

    /** Where the entry goes. */
    Slot slot();

    /** A per-cell column. */
    record Obs(String id, String name, Column column) implements TableEntry {
        /** Checks the id and name. */
        public Obs {
            check(id, name);
            Objects.requireNonNull(column, "column");
        }

        @Override
        public Slot slot() {
            return Slot.OBS;
        }
    }

    /** A per-gene column. */
    record Var(String id, String name, Column column) implements TableEntry {
        /** Checks the id and name. */
        public Var {
            check(id, name);
            Objects.requireNonNull(column, "column");
        }

        @Override
        public Slot slot() {
            return Slot.VAR;
        }
    }

    /** A per-cell matrix (embedding, spatial coordinates): one row per cell. */
    record Obsm(String id, String name, DenseMatrix matrix) implements TableEntry {
        /** Checks the id and name. */
        public Obsm {
            check(id, name);
            Objects.requireNonNull(matrix, "matrix");
        }

        @Override
        public Slot slot() {
            return Slot.OBSM;
        }
    }

    /** A result table (differential expression...), stored as a data frame under {@code uns}. */
    record Result(String id, String name, DataFrame table) implements TableEntry {
        /** Checks the id and name. */
        public Result {
            check(id, name);
            Objects.requireNonNull(table, "table");
        }

        @Override
        public Slot slot() {
            return Slot.UNS;
        }
    }

    /** Fails with the reason when {@code id} cannot be a key or {@code name} is blank. */
    static void check(String id, String name) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isEmpty() || id.contains("/") || id.startsWith(".") || id.startsWith("_") || id.contains("\\")) {
            throw new IllegalArgumentException("'" + id + "' cannot be an element id: it must be non-empty, without "
                    + "'/' or '\\', and not start with '.' or '_'");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("The element '" + id + "' needs a non-blank display name");
        }
    }
}
