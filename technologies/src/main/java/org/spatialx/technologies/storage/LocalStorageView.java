package org.spatialx.technologies.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.StorageView;

/** A {@link StorageView} over the local file system; paths are the platform's absolute or relative paths. */
public final class LocalStorageView implements StorageView {

    @Override
    public List<StorageEntry> list(String folder) {
        Path dir = Path.of(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StorageEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                String name = child.getFileName().toString();
                entries.add(attributes.isDirectory()
                        ? StorageEntry.folder(name)
                        : StorageEntry.file(name, attributes.size()));
            }
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return entries;
    }

    @Override
    public Optional<byte[]> readHead(String file, int maxBytes) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.of(in.readNBytes(maxBytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean canReadContent() {
        return true;
    }

    @Override
    public Optional<Path> localPath(String file) {
        Path path = Path.of(file);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public String join(String folder, String name) {
        if (name.isEmpty()) {
            return folder;
        }
        return Path.of(folder).resolve(name).toString();
    }

    @Override
    public String describe() {
        return "local folder";
    }
}
