package org.spatialx.formats.anndata;

/**
 * The parts of an AnnData table that entries are added to, by their folder name. Each slot's
 * {@code .zattrs} has {@code elements}, mapping the names users see to the entry ids on disk
 * (protocol 7.4); ids starting with {@code AN-} are analysis outputs.
 */
public enum Slot {
    /** Per-cell columns (metadata, cluster labels). */
    OBS("obs"),
    /** Per-gene columns. */
    VAR("var"),
    /** Per-cell matrices: embeddings and spatial coordinates. */
    OBSM("obsm"),
    /** Everything else; here, result tables such as differential expression. */
    UNS("uns");

    private final String folder;

    Slot(String folder) {
        this.folder = folder;
    }

    /** The slot's folder in the table ({@code obs}, {@code var}, {@code obsm}, {@code uns}). */
    public String folder() {
        return folder;
    }
}
