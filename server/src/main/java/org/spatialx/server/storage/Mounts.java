package org.spatialx.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.server.http.ApiException;

/**
 * The named mounts and the only way handlers turn a client's path into a local one: every path
 * is resolved, normalised and checked against the mounts' real paths (following symbolic links),
 * so no request writes outside the home's folders, nor reads outside a mount ({@code ..}, absolute
 * paths elsewhere, links pointing out all get a clear error). One exception, for the embedded server
 * of the user's own process ({@link #create(Path, Map, boolean)}): it may <b>read</b> any absolute local path,
 * as the user could; writes stay where they were. Mounts may be added while the server runs
 * ({@link #add}).
 */
public final class Mounts {

    /** The user's folders under the home, in the order {@code account/info} lists them. */
    public static final List<String> USER_FOLDERS = List.of("Upload", "Submitted", "Converted", "shared");

    /** The mounts and their aliases, replaced as a whole when a mount is added. */
    private record Table(List<Mount> mounts, Map<Path, Path> aliases) {
    }

    private volatile Table table;
    private final Mount upload;
    private final boolean localReads;

    private Mounts(Table table, Mount upload, boolean localReads) {
        this.table = table;
        this.upload = upload;
        this.localReads = localReads;
    }

    /** Creates the user's folders under {@code userRoot} and adds the external mounts (which must exist). */
    public static Mounts create(Path userRoot, Map<String, Path> external) throws IOException {
        return create(userRoot, external, false);
    }

    /**
     * {@link #create(Path, Map)}; with {@code localReads} reads ({@link #resolveAbsolute}) also reach
     * any absolute local path: the policy of the embedded server that runs in its user's own process,
     * where a path the user passes is one the user can read anyway. Writes (uploads) stay inside the
     * home's folders either way.
     */
    public static Mounts create(Path userRoot, Map<String, Path> external, boolean localReads) throws IOException {
        List<Mount> list = new ArrayList<>();
        Map<Path, Path> aliases = new LinkedHashMap<>();
        for (String name : USER_FOLDERS) {
            Path dir = Files.createDirectories(userRoot.resolve(name)).toAbsolutePath().normalize();
            list.add(new Mount(name, dir.toRealPath(), false));
            aliases.put(dir, dir.toRealPath());
        }
        Mounts mounts = new Mounts(new Table(List.copyOf(list), Map.copyOf(aliases)), list.get(0), localReads);
        for (var entry : external.entrySet()) {
            mounts.add(entry.getKey(), entry.getValue());
        }
        return mounts;
    }

    /** True when reads may reach any absolute local path. */
    public boolean localReads() {
        return localReads;
    }

    /**
     * Serves the folder {@code path} under {@code name} from now on ({@code --mount name=path}); adding
     * the same folder under the same name again changes nothing.
     *
     * @return true when the mount is new
     * @throws IllegalArgumentException when {@code path} is no folder, or the name serves another folder
     */
    public synchronized boolean add(String name, Path path) throws IOException {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Cannot mount '" + name + "': " + dir
                    + " is not a directory. Create it or fix --mount " + name + "=PATH.");
        }
        Path real = dir.toRealPath();
        Table current = table;
        for (Mount m : current.mounts()) {
            if (m.name().equals(name)) {
                if (m.root().equals(real)) {
                    return false;
                }
                throw new IllegalArgumentException("Mount name '" + name + "' is already used for " + m.root()
                        + "; choose another name for " + dir + ".");
            }
        }
        List<Mount> mounts = new ArrayList<>(current.mounts());
        mounts.add(new Mount(name, real, true));
        Map<Path, Path> aliases = new LinkedHashMap<>(current.aliases());
        aliases.put(dir, real);
        table = new Table(List.copyOf(mounts), Map.copyOf(aliases));
        return true;
    }

    public List<Mount> all() {
        return table.mounts();
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
        return resolve(clientPath, base, true);
    }

    /** {@link #resolve(String, Path)}, checked to be inside a mount when {@code confined}. */
    private Path resolve(String clientPath, Path base, boolean confined) {
        if (clientPath == null) {
            throw ApiException.badRequest("A path is required.");
        }
        if (clientPath.indexOf('\0') >= 0) {
            throw ApiException.badRequest("The path contains a NUL character.");
        }
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
            for (var alias : table.aliases().entrySet()) {
                if (absolute.startsWith(alias.getKey())) {
                    absolute = alias.getValue().resolve(alias.getKey().relativize(absolute).toString());
                    break;
                }
            }
        }
        if (confined) {
            checkInside(clientPath, absolute);
        }
        return absolute;
    }

    /**
     * Resolves a path to <b>read</b> ({@code directory/entities}, parsing, a submission's inputs): an
     * absolute path inside a mount, a mount name ({@code Upload/run1}), or with local reads any
     * absolute local path.
     */
    public Path resolveAbsolute(String clientPath) {
        if (clientPath == null || clientPath.isBlank()) {
            throw ApiException.badRequest("A path is required; use one of the mounted folders: " + describe() + ".");
        }
        if (!clientPath.startsWith("/") && !Path.of(clientPath).isAbsolute()) {
            // a bare mount name ("Upload") or "Upload/sub" is a convenience
            int slash = clientPath.indexOf('/');
            String head = slash < 0 ? clientPath : clientPath.substring(0, slash);
            for (Mount m : table.mounts()) {
                if (m.name().equals(head)) {
                    return resolve(slash < 0 ? "" : clientPath.substring(slash + 1), m.root());
                }
            }
            throw outside(clientPath, "relative paths must start with a mount name");
        }
        return resolve(clientPath, upload.root(), !localReads);
    }

    /** The mount that contains {@code path}, or null. */
    public Mount mountOf(Path path) {
        for (Mount m : table.mounts()) {
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
                + ". Upload the data first, or start the server with --mount NAME=PATH (spatialx serve, run and shell"
                + " take it).");
    }

    /** {@code Upload=/home/u/.spatialx/Upload, ...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Mount m : table.mounts()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(m.name()).append('=').append(m.root());
        }
        return sb.toString();
    }
}
