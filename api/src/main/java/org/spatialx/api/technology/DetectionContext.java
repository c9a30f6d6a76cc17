package org.spatialx.api.technology;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Technology} sees when it reads its software version or adds warnings: the storage,
 * the data folder, and the element reports detection has produced so far.
 */
public interface DetectionContext {

    /** The storage detection runs over. */
    StorageView storage();

    /** The data folder, in the storage's own syntax. */
    String dataPath();

    /** The reports of every element, in declaration order. */
    List<ElementReport> elements();

    /** The report of the element called {@code name}, if it was found. */
    default Optional<ElementReport> found(String name) {
        return elements().stream().filter(e -> e.name().equals(name) && e.found()).findFirst();
    }

    /** The full storage path of {@code relativePath} inside the data folder. */
    default String resolve(String relativePath) {
        return storage().join(dataPath(), relativePath);
    }

    /** Up to {@code maxBytes} first bytes of a file inside the data folder, as UTF-8 text; empty if unreadable. */
    default Optional<String> readText(String relativePath, int maxBytes) {
        return storage().readHead(resolve(relativePath), maxBytes).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The local file behind a path inside the data folder (for header readers); empty over a remote listing. */
    default Optional<Path> localPath(String relativePath) {
        return storage().localPath(resolve(relativePath));
    }

    /** The entries of a folder inside the data folder ({@code ""} for the data folder itself). */
    default List<StorageEntry> list(String relativeFolder) {
        return storage().list(resolve(relativeFolder));
    }
}
