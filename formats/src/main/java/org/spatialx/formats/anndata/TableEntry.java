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
    default Slot slot() {
        return switch (this) {
            case Obs o -> Slot.OBS;
            case Var v -> Slot.VAR;
            case Obsm m -> Slot.OBSM;
            case Result r -> Slot.UNS;
        };
    }

    /** A per-cell column. */
    record Obs(String id, String name, Column column) implements TableEntry {
        /** Checks the id, the name and the value. */
        public Obs {
            check(id, name, column);
        }
    }

    /** A per-gene column. */
    record Var(String id, String name, Column column) implements TableEntry {
        /** Checks the id, the name and the value. */
        public Var {
            check(id, name, column);
        }
    }

    /** A per-cell matrix (embedding, spatial coordinates): one row per cell. */
    record Obsm(String id, String name, DenseMatrix matrix) implements TableEntry {
        /** Checks the id, the name and the value. */
        public Obsm {
            check(id, name, matrix);
        }
    }

    /** A result table (differential expression...), stored as a data frame under {@code uns}. */
    record Result(String id, String name, DataFrame table) implements TableEntry {
        /** Checks the id, the name and the value. */
        public Result {
            check(id, name, table);
        }
    }

    /** Fails with the reason when {@code id} cannot be a key, {@code name} is blank or the value is missing. */
    static void check(String id, String name, Object value) {
        Objects.requireNonNull(value, "value of " + id);
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
