package org.spatialx.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spatialx.api.Entity;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.StorageView;
import org.spatialx.core.SpatialXServerException;

/**
 * The storage of a SpatialX server as technology detection sees it: folders are listed through
 * {@code directory/entities} (protocol 2.1 #5), so detection obeys the server's mounts exactly as a
 * submission will. File content cannot be read through the protocol; when the server runs on this
 * machine (a loopback domain, such as the embedded local server) its paths are local paths, and
 * headers (e.g. {@code experiment.xenium} for the software version) are read from the disk.
 */
public final class ServerStorageView implements StorageView {

    private final String domain;
    private final DirectoryListing listing;
    private final boolean sameMachine;

    private ServerStorageView(String domain, DirectoryListing listing, boolean sameMachine) {
        this.domain = domain;
        this.listing = listing;
        this.sameMachine = sameMachine;
    }

    /**
     * A view of the server at {@code domain} whose folders {@code listing} lists; content is readable
     * when the domain is a loopback address.
     */
    public static ServerStorageView of(String domain, DirectoryListing listing) {
        return new ServerStorageView(domain, listing, isLoopback(domain));
    }

    @Override
    public List<StorageEntry> list(String folder) {
        List<Entity> entities;
        try {
            entities = listing.entries(folder);
        } catch (SpatialXServerException notAFolder) {
            // The contract of StorageView: a folder that does not exist lists as empty; detection
            // then reports every element as missing, with where it looked.
            return List.of();
        }
        List<StorageEntry> entries = new ArrayList<>(entities.size());
        for (Entity entity : entities) {
            if (entity.name() == null || entity.name().isEmpty()) {
                continue;
            }
            entries.add(Entity.DIRECTORY.equals(entity.type())
                    ? StorageEntry.folder(entity.name())
                    : StorageEntry.file(entity.name(), size(entity)));
        }
        return entries;
    }

    @Override
    public Optional<byte[]> readHead(String file, int maxBytes) {
        Optional<Path> local = localPath(file);
        if (local.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(local.get())) {
            return Optional.of(in.readNBytes(maxBytes));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public boolean canReadContent() {
        return sameMachine;
    }

    @Override
    public Optional<Path> localPath(String file) {
        if (!sameMachine) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(file);
            return Files.isRegularFile(path) && Files.isReadable(path) ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException notLocal) {
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "server listing of " + domain + (sameMachine ? " (same machine: headers read from disk)" : "");
    }

    private static long size(Entity entity) {
        Object size = entity.extras().get("size");
        if (size instanceof Number number) {
            return number.longValue();
        }
        if (size instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return 0;
    }

    private static boolean isLoopback(String domain) {
        String host = URI.create(domain).getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses are checked: a name is not resolved here.
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            }
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
        return false;
    }
}
