package org.spatialx.technologies.detection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.StorageView;

/**
 * Remembers listings for the length of one detection, so trying every technology lists each folder
 * once (a remote listing is a request each). Not thread-safe; one per detection.
 */
final class CachingStorageView implements StorageView {

    private final StorageView delegate;
    private final Map<String, Listing> listings = new HashMap<>();

    /** One folder's entries sorted by name, and the same entries by name for literal look-ups. */
    record Listing(List<StorageEntry> sorted, Map<String, StorageEntry> byName) {
    }

    private CachingStorageView(StorageView delegate) {
        this.delegate = delegate;
    }

    /** {@code storage} itself when it already caches, else a caching view over it. */
    static CachingStorageView over(StorageView storage) {
        return storage instanceof CachingStorageView caching ? caching : new CachingStorageView(storage);
    }

    Listing listing(String folder) {
        return listings.computeIfAbsent(folder, f -> {
            List<StorageEntry> entries = new ArrayList<>(delegate.list(f));
            entries.sort(Comparator.comparing(StorageEntry::name));
            Map<String, StorageEntry> byName = new HashMap<>(entries.size() * 2);
            for (StorageEntry entry : entries) {
                byName.put(entry.name(), entry);
            }
            return new Listing(List.copyOf(entries), byName);
        });
    }

    @Override
    public List<StorageEntry> list(String folder) {
        return listing(folder).sorted();
    }

    @Override
    public Optional<byte[]> readHead(String file, int maxBytes) {
        return delegate.readHead(file, maxBytes);
    }

    @Override
    public boolean canReadContent() {
        return delegate.canReadContent();
    }

    @Override
    public Optional<Path> localPath(String file) {
        return delegate.localPath(file);
    }

    @Override
    public String join(String folder, String name) {
        return delegate.join(folder, name);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
