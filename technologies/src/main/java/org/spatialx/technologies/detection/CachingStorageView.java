package org.spatialx.technologies.detection;

import java.nio.file.Path;
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
    private final Map<String, List<StorageEntry>> listings = new HashMap<>();

    CachingStorageView(StorageView delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<StorageEntry> list(String folder) {
        return listings.computeIfAbsent(folder, f -> List.copyOf(delegate.list(f)));
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
