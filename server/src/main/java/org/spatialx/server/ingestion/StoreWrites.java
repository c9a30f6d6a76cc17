package org.spatialx.server.ingestion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.spatialx.formats.spatialdata.SampleStore;
import org.spatialx.formats.zarr.AtomicFiles;
import org.spatialx.server.storage.OwnerOnly;

/**
 * The elements one ingestion writes into a sample store, kept invisible until the job has written
 * all of them: each element's folder is listed in a manifest beside the job's log before it is
 * written, and names are registered in the store only at the end. A failed or interrupted job's
 * folders are removed from the manifest's list ({@link #discard}), so nothing half-written is ever
 * listed or served.
 */
final class StoreWrites {

    /** One element written: where it is, its kind (protocol 5.12), id and display name. */
    record Written(SampleStore.Group group, String kind, String id, String name) {
    }

    private final SampleStore store;
    private final Path manifest;
    private final List<Written> written = new ArrayList<>();

    StoreWrites(SampleStore store, Path manifest) {
        this.store = store;
        this.manifest = manifest;
    }

    /** The manifest listing the folders this job writes. */
    Path manifest() {
        return manifest;
    }

    SampleStore store() {
        return store;
    }

    /** Where an element is to be written; listed in the manifest first. */
    Path plan(SampleStore.Group group, String id) throws IOException {
        Path path = store.path(group, id);
        OwnerOnly.createDirectories(manifest.getParent());
        if (!Files.exists(manifest)) {
            OwnerOnly.createFile(manifest);
        }
        Files.writeString(manifest, path + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return path;
    }

    /** Records an element written at its planned path. */
    void written(SampleStore.Group group, String kind, String id, String name) {
        written.add(new Written(group, kind, id, name));
    }

    List<Written> elements() {
        return List.copyOf(written);
    }

    /**
     * Shows every written element under its name (unique in its group), then forgets the manifest. Each
     * element is made owner-only first: the format writers create files with the process's defaults (its
     * study folder, 0700, kept others out while they were written). Only this job's elements: another job
     * may be writing into the same store meanwhile.
     */
    void register() throws IOException {
        for (Written w : written) {
            OwnerOnly.restrictTree(store.path(w.group(), w.id()));
        }
        for (Written w : written) {
            store.register(w.group(), w.name(), w.id());
        }
        Files.deleteIfExists(manifest);
    }

    /** A name not yet shown in {@code group}: {@code base}, else {@code base (2)}, {@code base (3)}... */
    String uniqueName(SampleStore.Group group, String base) {
        Set<String> taken = new java.util.HashSet<>(store.elements(group).keySet());
        for (Written w : written) {
            if (w.group() == group) {
                taken.add(w.name());
            }
        }
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    /** Removes the folders a manifest lists (a failed or interrupted job's), then the manifest. */
    static void discard(Path manifest, Throwable cause) {
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        Throwable problems = cause != null ? cause : new IllegalStateException("discarding " + manifest);
        try {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Path element = Path.of(line.trim());
                AtomicFiles.deleteQuietly(element, problems);
                // a crash mid-write leaves the writer's hidden sibling (.ID.tmp-...)
                String hidden = "." + element.getFileName() + ".tmp";
                if (Files.isDirectory(element.getParent())) {
                    try (var siblings = Files.list(element.getParent())) {
                        siblings.filter(p -> p.getFileName().toString().startsWith(hidden))
                                .forEach(p -> AtomicFiles.deleteQuietly(p, problems));
                    }
                }
            }
            Files.deleteIfExists(manifest);
        } catch (IOException e) {
            problems.addSuppressed(e);
        }
    }
}
