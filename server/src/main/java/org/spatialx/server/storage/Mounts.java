package org.spatialx.server.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spatialx.server.http.ApiException;

/**
 * The named mounts and the only way handlers turn a client's path into a local one: every path
 * is resolved, normalised and checked against the mounts' real paths (following symbolic links),
 * so no request reaches a file outside a mount ({@code ..}, absolute paths elsewhere, links
 * pointing out all get a clear error).
 */
public final class Mounts {

    /** The user's folders under the home, in the order {@code account/info} lists them. */
    public static final List<String> USER_FOLDERS = List.of("Upload", "Submitted", "Converted", "shared");
    /** The longest file or folder name (in UTF-8 bytes) common file systems accept. */
    private static final int MAX_NAME_BYTES = 255;

    private final List<Mount> mounts;
    private final Mount upload;
    /** Mount paths as configured (before links were resolved) to their real paths. */
    private final Map<Path, Path> aliases;

    private Mounts(List<Mount> mounts, Mount upload, Map<Path, Path> aliases) {
        this.mounts = List.copyOf(mounts);
        this.upload = upload;
        this.aliases = Map.copyOf(aliases);
    }

    /** Creates the user's folders under {@code userRoot} and adds the external mounts (which must exist). */
    public static Mounts create(Path userRoot, Map<String, Path> external) throws IOException {
        List<Mount> list = new ArrayList<>();
        Map<Path, Path> aliases = new java.util.LinkedHashMap<>();
        for (String name : USER_FOLDERS) {
            Path dir = OwnerOnly.createDirectories(userRoot.resolve(name)).toAbsolutePath().normalize();
            list.add(new Mount(name, dir.toRealPath(), false));
            aliases.put(dir, dir.toRealPath());
        }
        for (var entry : external.entrySet()) {
            Path dir = entry.getValue().toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("Cannot mount '" + entry.getKey() + "': " + dir
                        + " is not a directory. Create it or fix --mount " + entry.getKey() + "=PATH.");
            }
            if (list.stream().anyMatch(m -> m.name().equals(entry.getKey()))) {
                throw new IllegalArgumentException("Mount name '" + entry.getKey()
                        + "' is already used; choose another name for " + dir + ".");
            }
            list.add(new Mount(entry.getKey(), dir.toRealPath(), true));
            aliases.put(dir, dir.toRealPath());
        }
        return new Mounts(list, list.get(0), aliases);
    }

    public List<Mount> all() {
        return mounts;
    }

    /** The upload area ({@code Upload}): uploads' {@code folder_name} is relative to it (protocol 3). */
    public Mount upload() {
        return upload;
    }

    /**
     * Resolves a client path: absolute paths must lie in a mount; relative paths are taken
     * relative to {@code base}. The result is normalised and its real location (links followed,
     * for the part that exists) is inside a mount.
     */
    public Path resolve(String clientPath, Path base) {
        if (clientPath == null) {
            throw ApiException.badRequest("A path is required.");
        }
        checkCharacters(clientPath);
        Path raw;
        try {
            raw = Path.of(clientPath);
        } catch (java.nio.file.InvalidPathException e) {
            throw ApiException.badRequest("Invalid path '" + clientPath + "': " + e.getReason());
        }
        for (Path part : raw) {
            if (part.toString().equals("..")) {
                throw outside(clientPath, "'..' is not allowed in server paths");
            }
        }
        Path absolute = raw.isAbsolute() ? raw.normalize() : base.resolve(raw).normalize();
        if (mountOf(absolute) == null) {
            // a mount named through a symbolic link (e.g. /tmp -> /private/tmp): use its real path
            for (var alias : aliases.entrySet()) {
                if (absolute.startsWith(alias.getKey())) {
                    absolute = alias.getValue().resolve(alias.getKey().relativize(absolute).toString());
                    break;
                }
            }
        }
        checkInside(clientPath, absolute);
        return absolute;
    }

    /** Refuses what no file system path holds: NUL characters, and names longer than a file system takes. */
    private static void checkCharacters(String clientPath) {
        if (clientPath.indexOf('\0') >= 0) {
            throw ApiException.badRequest("The path '" + clientPath.replace("\0", "\\0") + "' contains a NUL"
                    + " character; no file name can hold one.");
        }
        for (String name : clientPath.split("/")) {
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw ApiException.badRequest("A name in the path is " + name.getBytes(StandardCharsets.UTF_8).length
                        + " bytes long ('" + name.substring(0, 24) + "...'); file systems take at most "
                        + MAX_NAME_BYTES + " bytes per file or folder name. Use a shorter name.");
            }
        }
    }

    /** Resolves a path that must be absolute and inside a mount (e.g. {@code directory/entities}). */
    public Path resolveAbsolute(String clientPath) {
        if (clientPath == null || clientPath.isBlank()) {
            throw ApiException.badRequest("A path is required; use one of the mounted folders: " + describe() + ".");
        }
        checkCharacters(clientPath);
        if (!clientPath.startsWith("/") && !Path.of(clientPath).isAbsolute()) {
            // a bare mount name ("Upload") or "Upload/sub" is a convenience
            int slash = clientPath.indexOf('/');
            String head = slash < 0 ? clientPath : clientPath.substring(0, slash);
            for (Mount m : mounts) {
                if (m.name().equals(head)) {
                    return resolve(slash < 0 ? "" : clientPath.substring(slash + 1), m.root());
                }
            }
            throw outside(clientPath, "relative paths must start with a mount name");
        }
        return resolve(clientPath, upload.root());
    }

    /** The mount that contains {@code path}, or null. */
    public Mount mountOf(Path path) {
        for (Mount m : mounts) {
            if (path.startsWith(m.root())) {
                return m;
            }
        }
        return null;
    }

    private void checkInside(String clientPath, Path absolute) {
        if (mountOf(absolute) == null) {
            throw outside(clientPath, "it is not inside a mounted folder");
        }
        // Follow links on the existing part of the path: its real location must stay inside a mount.
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw outside(clientPath, "it is not inside a mounted folder");
        }
        try {
            Path real = existing.toRealPath();
            if (mountOf(real) == null) {
                throw outside(clientPath, "a symbolic link in it points outside the mounted folders (to " + real + ")");
            }
        } catch (IOException e) {
            // a dangling link: its target does not exist, so it cannot be inside a mount
            throw outside(clientPath, "it goes through a broken symbolic link");
        }
    }

    private ApiException outside(String clientPath, String why) {
        return new ApiException(ApiException.BAD_REQUEST, "Access denied to '" + clientPath + "': " + why
                + ". The server only reads and writes inside its mounted folders: " + describe()
                + ". Upload the data first or start the server with --mount NAME=PATH.");
    }

    /** {@code Upload=/home/u/.spatialx/Upload, ...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Mount m : mounts) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(m.name()).append('=').append(m.root());
        }
        return sb.toString();
    }
}
