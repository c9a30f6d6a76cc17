package org.spatialx.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Groups of a zarr v2 hierarchy: {@code .zgroup} marks one, {@code .zattrs} holds its attributes. */
public final class ZarrGroup {

    private ZarrGroup() {
    }

    /** Whether {@code path} is a group (has a {@code .zgroup}). */
    public static boolean exists(ZarrStore store, String path) {
        return readKey(store, ZarrStore.join(path, ".zgroup")).isPresent();
    }

    /** The attributes of the group or array at {@code path}; an empty object when it has none. */
    public static ObjectNode readAttributes(ZarrStore store, String path) {
        String key = ZarrStore.join(path, ".zattrs");
        Optional<byte[]> bytes = readKey(store, key);
        if (bytes.isEmpty()) {
            return Json.object();
        }
        JsonNode node = Json.parse(bytes.get(), key);
        if (!node.isObject()) {
            throw new ZarrException(key + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Creates (or keeps) the group folder {@code dir} with its {@code .zgroup} and writes {@code attributes}. */
    public static void create(Path dir, ObjectNode attributes) {
        try {
            Files.createDirectories(dir);
            Path zgroup = dir.resolve(".zgroup");
            if (!Files.exists(zgroup)) {
                ObjectNode marker = Json.object();
                marker.put("zarr_format", 2);
                AtomicFiles.write(zgroup, Json.bytes(marker));
            }
            writeAttributes(dir, attributes);
        } catch (IOException e) {
            throw new ZarrException("Cannot create the zarr group " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the {@code .zattrs} of the group or array folder {@code dir} in one atomic rename. */
    public static void writeAttributes(Path dir, ObjectNode attributes) {
        try {
            AtomicFiles.write(dir.resolve(".zattrs"), Json.bytes(attributes));
        } catch (IOException e) {
            throw new ZarrException("Cannot write " + dir.resolve(".zattrs") + ": " + e.getMessage(), e);
        }
    }

    /** Reads one key, naming it when the store fails. */
    static Optional<byte[]> readKey(ZarrStore store, String key) {
        try {
            return store.read(key);
        } catch (IOException e) {
            throw new ZarrException("Cannot read '" + key + "' from " + store + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ZarrException("Cannot read '" + key + "' from " + store + ": " + e.getMessage(), e);
        }
    }
}
