package org.spatialx.formats.anndata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.formats.zarr.DirectoryStore;
import org.spatialx.formats.zarr.ZarrArray;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;
import org.spatialx.formats.zarr.ZarrStore;

/**
 * An AnnData table in zarr, opened for reading from a folder or any {@link ZarrStore} (a client reads
 * over HTTP). Nothing is read until asked: the cell and gene names when first needed, a column or
 * an embedding when it is read, and X through {@link #expression()} one range of chunks at a time.
 * Entries are found by the name users see ({@code elements} attributes) or by their id. Names, ids and
 * slot attributes are cached: open the table again to see entries added since. Not thread-safe; open
 * one per thread (opening reads nothing but the root's metadata).
 */
public final class AnnDataTable {

    private final ZarrStore store;
    private final String path;
    private List<String> cellIds;
    private List<String> geneNames;
    private List<String> geneIds;
    private final Map<Slot, ObjectNode> slotAttributes = new LinkedHashMap<>();

    private AnnDataTable(ZarrStore store, String path) {
        this.store = store;
        this.path = path;
    }

    /** Opens the table in the folder {@code dir}. */
    public static AnnDataTable open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ZarrException("No AnnData table at " + dir);
        }
        return open(new DirectoryStore(dir), "");
    }

    /** Opens the table at {@code path} of {@code store} ({@code ""} for the store's root). */
    public static AnnDataTable open(ZarrStore store, String path) {
        ObjectNode attrs = ZarrGroup.readAttributes(store, path);
        if (!ZarrGroup.exists(store, path)) {
            throw new ZarrException("No AnnData table at '" + path + "' of " + store + " (no .zgroup)");
        }
        String type = attrs.path(Encoding.TYPE).asText("anndata");
        if (!type.equals("anndata")) {
            throw new ZarrException("'" + path + "' of " + store + " is an anndata '" + type + "' element, not a table");
        }
        return new AnnDataTable(store, path);
    }

    /** The store the table is read from. */
    ZarrStore store() {
        return store;
    }

    /** The key of {@code relative} inside the table. */
    String key(String relative) {
        return ZarrStore.join(path, relative);
    }

    /** Number of cells (obs rows), from the index's metadata. */
    public int cellCount() {
        return Math.toIntExact(ZarrArray.open(store, key("obs/" + index(Slot.OBS))).length());
    }

    /** Number of genes (var rows). */
    public int geneCount() {
        return Math.toIntExact(ZarrArray.open(store, key("var/" + index(Slot.VAR))).length());
    }

    /** The cell ids (obs index). */
    public List<String> cellIds() {
        if (cellIds == null) {
            cellIds = ZarrArray.open(store, key("obs/" + index(Slot.OBS))).readAllStrings();
        }
        return cellIds;
    }

    /** The gene names (var index). */
    public List<String> geneNames() {
        if (geneNames == null) {
            geneNames = ZarrArray.open(store, key("var/" + index(Slot.VAR))).readAllStrings();
        }
        return geneNames;
    }

    /** The gene ids: the var column {@code gene_ids}, or the names when the table has none. */
    public List<String> geneIds() {
        if (geneIds == null) {
            String ids = key("var/" + AnnDataWriter.GENE_IDS);
            geneIds = ZarrArray.exists(store, ids) ? ZarrArray.open(store, ids).readAllStrings() : geneNames();
        }
        return geneIds;
    }

    /** The slot's {@code elements}: display name to id, in the order they were added. */
    public Map<String, String> elements(Slot slot) {
        return Encoding.elements(attributes(slot));
    }

    /**
     * The ids of a slot's entries: obs/var columns in {@code column-order}, obsm and uns entries by
     * their {@code elements} (or by listing the folder when the store can list and none are named).
     */
    public List<String> ids(Slot slot) {
        ObjectNode attrs = attributes(slot);
        List<String> ids = new ArrayList<>();
        if (slot == Slot.OBS || slot == Slot.VAR) {
            attrs.path(Encoding.COLUMN_ORDER).forEach(n -> ids.add(n.asText()));
            return ids;
        }
        ids.addAll(Encoding.elements(attrs).values());
        if (ids.isEmpty()) {
            try {
                ids.addAll(store.children(key(slot.folder())));
            } catch (UnsupportedOperationException | java.io.IOException e) {
                return ids;
            }
        }
        return ids;
    }

    /** The id of the entry shown as {@code nameOrId}, or {@code nameOrId} itself when it is an id. */
    public String id(Slot slot, String nameOrId) {
        String id = elements(slot).get(nameOrId);
        if (id != null) {
            return id;
        }
        if (ids(slot).contains(nameOrId)) {
            return nameOrId;
        }
        throw new ZarrException("No " + slot.folder() + " entry '" + nameOrId + "' in the table at '" + path + "' of "
                + store + "; it has " + describe(slot));
    }

    /** An obs column by display name or id. */
    public Column obs(String nameOrId) {
        return Encoding.readColumn(store, key("obs/" + id(Slot.OBS, nameOrId)));
    }

    /** A var column by display name or id. */
    public Column var(String nameOrId) {
        return Encoding.readColumn(store, key("var/" + id(Slot.VAR, nameOrId)));
    }

    /** An obsm matrix (embedding, spatial coordinates) by display name or id. */
    public DenseMatrix obsm(String nameOrId) {
        return Encoding.readDense(store, key("obsm/" + id(Slot.OBSM, nameOrId)));
    }

    /** A result table stored under uns, by display name or id. */
    public DataFrame result(String nameOrId) {
        return Encoding.readDataFrame(store, key("uns/" + id(Slot.UNS, nameOrId)));
    }

    /** X, read lazily by cells or genes. */
    public ExpressionReader expression() {
        return new ExpressionReader(this);
    }

    /** "names (ids)" of a slot's entries, for error messages. */
    private String describe(Slot slot) {
        Map<String, String> elements = elements(slot);
        List<String> shown = new ArrayList<>();
        elements.forEach((name, id) -> shown.add(name.equals(id) ? name : name + " (" + id + ")"));
        for (String id : ids(slot)) {
            if (!elements.containsValue(id)) {
                shown.add(id);
            }
        }
        return shown.isEmpty() ? "none" : String.join(", ", shown);
    }

    private String index(Slot slot) {
        JsonNode index = attributes(slot).get(Encoding.INDEX);
        return index == null ? Encoding.INDEX : index.asText();
    }

    private ObjectNode attributes(Slot slot) {
        return slotAttributes.computeIfAbsent(slot, s -> ZarrGroup.readAttributes(store, key(s.folder())));
    }

    @Override
    public String toString() {
        return "AnnDataTable[" + store + (path.isEmpty() ? "" : " " + path) + "]";
    }
}
