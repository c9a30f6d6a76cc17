package org.spatialx.formats.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A zarr store in a folder: key {@code a/b/.zarray} is the file {@code root/a/b/.zarray}. */
public final class DirectoryStore implements ZarrStore {

    private final Path root;

    /** A store over {@code root} (which need not exist yet). */
    public DirectoryStore(Path root) {
        this.root = root;
    }

    /** The folder this store reads. */
    public Path root() {
        return root;
    }

    /** The file or folder of {@code key}. */
    public Path resolve(String key) {
        return key.isEmpty() ? root : root.resolve(key);
    }

    @Override
    public Optional<byte[]> read(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> children(String prefix) throws IOException {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
