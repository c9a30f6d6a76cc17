package org.spatialx.technologies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.PluginRepository;

/**
 * A plugins folder ({@code ~/.spatialx/plugins}): what is installed there, installing and removing
 * plugins, and the view PF4J loads from it. A plugin is a zip (PF4J layout, {@code plugin.properties}
 * at its root), a jar ({@code Plugin-Id} in its manifest) or a folder (a plugin unpacked by hand).
 * Zips are unpacked under {@value #UNPACKED}, never beside the zip, so deleting a zip removes its
 * plugin; a folder named like a zip beside it (an earlier PF4J's unpacked copy) is not a plugin of
 * its own.
 */
public final class PluginFolder {

    /** The hidden sub-folder zips are unpacked into (PF4J skips hidden entries). */
    public static final String UNPACKED = ".unpacked";

    private final Path folder;

    /** The plugins folder {@code folder} (it may not exist yet). */
    public PluginFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * One installed plugin.
     *
     * @param id          its {@code plugin.id} / {@code Plugin-Id}
     * @param version     its version, or empty when it declares none
     * @param description its {@code plugin.description}, or empty
     * @param path        its zip, jar or folder in the plugins folder
     */
    public record InstalledPlugin(String id, String version, String description, Path path) {
    }

    /** The folder. */
    public Path path() {
        return folder;
    }

    /** The installed plugins, by file name; entries that are not plugins are left out. */
    public List<InstalledPlugin> installed() {
        List<InstalledPlugin> plugins = new ArrayList<>();
        for (Path entry : entries()) {
            if (isStaleUnpackedCopy(entry)) {
                continue;
            }
            try {
                plugins.add(describe(entry));
            } catch (IllegalArgumentException notAPlugin) {
                // a README or a stray file: not listed
            }
        }
        return plugins;
    }

    /**
     * Copies the plugin zip or jar {@code plugin} into the folder (created when absent), replacing any
     * installed plugin with the same id (another version).
     *
     * @return the installed plugin, then the plugins it replaced
     * @throws IllegalArgumentException when {@code plugin} is not a PF4J plugin zip or jar, naming what is missing
     */
    public List<InstalledPlugin> install(Path plugin) throws IOException {
        InstalledPlugin given = describe(plugin.toAbsolutePath());
        if (Files.isDirectory(plugin)) {
            throw new IllegalArgumentException(plugin + " is a folder: install the plugin's zip or jar");
        }
        Files.createDirectories(folder);
        Path target = folder.resolve(plugin.getFileName().toString());
        List<InstalledPlugin> result = new ArrayList<>();
        result.add(new InstalledPlugin(given.id(), given.version(), given.description(), target));
        for (InstalledPlugin other : installed()) {
            if (other.id().equals(given.id()) && !other.path().equals(target)) {
                delete(other);
                result.add(other);
            }
        }
        Path partial = folder.resolve("." + plugin.getFileName() + ".part");
        Files.copy(plugin, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return result;
    }

    /**
     * Removes the plugin whose id (or file name, with or without its extension) is {@code name}: its
     * zip or jar and the copy it was unpacked into.
     *
     * @return what was removed; empty when nothing is installed under that name
     */
    public Optional<InstalledPlugin> remove(String name) throws IOException {
        List<InstalledPlugin> installed = installed();
        Optional<InstalledPlugin> chosen = installed.stream().filter(p -> p.id().equals(name)).findFirst()
                .or(() -> installed.stream().filter(p -> fileName(p.path()).equals(name)
                        || stripExtension(fileName(p.path())).equals(name)).findFirst());
        if (chosen.isPresent()) {
            delete(chosen.get());
        }
        return chosen;
    }

    /** What PF4J loads: jars, folders, and each zip as its unpacked copy (unpacked again when the zip changed). */
    Repository repository() {
        return new Repository();
    }

    /** PF4J's view of the folder; a zip that cannot be unpacked is left out and named in {@link #problems()}. */
    final class Repository implements PluginRepository {

        private final List<PluginProblem> problems = new ArrayList<>();

        @Override
        public List<Path> getPluginPaths() {
            problems.clear();
            List<Path> paths = new ArrayList<>();
            for (Path entry : entries()) {
                String name = fileName(entry);
                if (Files.isDirectory(entry)) {
                    if (!isStaleUnpackedCopy(entry)) {
                        paths.add(entry);
                    }
                } else if (name.endsWith(".jar")) {
                    paths.add(entry);
                } else if (name.endsWith(".zip")) {
                    try {
                        paths.add(unpacked(entry));
                    } catch (IOException e) {
                        problems.add(new PluginProblem(name, "cannot be unpacked: " + e.getMessage()));
                    }
                }
            }
            removeOrphanedCopies();
            return paths;
        }

        @Override
        public boolean deletePluginPath(Path pluginPath) {
            try {
                delete(describe(originalOf(pluginPath)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }

        /** The zips that could not be unpacked by the last {@link #getPluginPaths()}. */
        List<PluginProblem> problems() {
            return List.copyOf(problems);
        }
    }

    /** The zip an unpacked copy came from, else {@code path} itself: what a user sees in the plugins folder. */
    Path originalOf(Path path) {
        Path parent = path.getParent();
        return parent != null && parent.equals(folder.resolve(UNPACKED)) ? folder.resolve(fileName(path) + ".zip") : path;
    }

    /** A folder {@code x/} beside {@code x.zip}: what PF4J's default repository unpacked there. */
    private boolean isStaleUnpackedCopy(Path entry) {
        return Files.isDirectory(entry) && Files.isRegularFile(entry.resolveSibling(fileName(entry) + ".zip"));
    }

    /** The non-hidden entries of the folder, by name. */
    private List<Path> entries() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> !fileName(p).startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the plugins folder " + folder, e);
        }
    }

    /** The unpacked copy of {@code zip}, unpacked (again) when it is missing or the zip changed (another time stamp). */
    private Path unpacked(Path zip) throws IOException {
        Path copy = folder.resolve(UNPACKED).resolve(stripExtension(fileName(zip)));
        FileTime zipTime = Files.getLastModifiedTime(zip);
        if (Files.isDirectory(copy) && Files.getLastModifiedTime(copy).equals(zipTime)) {
            return copy;
        }
        // unpacked beside, then renamed into place: a process loading plugins meanwhile sees the old copy or the new one
        Path partial = copy.resolveSibling("." + fileName(copy) + "-" + UUID.randomUUID());
        unzip(zip, partial);
        Files.setLastModifiedTime(partial, zipTime);
        deleteTree(copy);
        try {
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException another) {
            deleteTree(partial); // another process unpacked the same zip first
        }
        return copy;
    }

    private void removeOrphanedCopies() {
        Path copies = folder.resolve(UNPACKED);
        if (!Files.isDirectory(copies)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(copies)) {
            for (Path copy : children) {
                if (!fileName(copy).startsWith(".") && !Files.exists(folder.resolve(fileName(copy) + ".zip"))) {
                    deleteTree(copy);
                }
            }
        } catch (IOException e) {
            // an orphaned copy is never loaded; deleting it is housekeeping
        }
    }

    private void delete(InstalledPlugin plugin) throws IOException {
        deleteTree(plugin.path());
        if (fileName(plugin.path()).endsWith(".zip")) {
            String base = stripExtension(fileName(plugin.path()));
            deleteTree(folder.resolve(UNPACKED).resolve(base));
            deleteTree(folder.resolve(base)); // an earlier PF4J's copy beside the zip
        }
    }

    /**
     * The id, version and description of the plugin zip, jar or folder {@code path}.
     *
     * @throws IllegalArgumentException naming the file and what is missing
     */
    static InstalledPlugin describe(Path path) {
        if (Files.isDirectory(path)) {
            Path properties = path.resolve("plugin.properties");
            if (Files.isRegularFile(properties)) {
                try (InputStream in = Files.newInputStream(properties)) {
                    return fromProperties(path, in);
                } catch (IOException e) {
                    throw new IllegalArgumentException(properties + " cannot be read: " + e.getMessage());
                }
            }
            throw new IllegalArgumentException(path + " is not a PF4J plugin folder: no plugin.properties");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path.toAbsolutePath());
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry properties = zip.getEntry("plugin.properties");
            if (properties != null) {
                try (InputStream in = zip.getInputStream(properties)) {
                    return fromProperties(path, in);
                } catch (IllegalArgumentException noId) {
                    // a jar may still name itself in its manifest
                }
            }
            ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
            if (manifest != null) {
                try (InputStream in = zip.getInputStream(manifest)) {
                    var attributes = new Manifest(in).getMainAttributes();
                    String id = attributes.getValue("Plugin-Id");
                    if (id != null && !id.isBlank()) {
                        return new InstalledPlugin(id.strip(), orEmpty(attributes.getValue("Plugin-Version")),
                                orEmpty(attributes.getValue("Plugin-Description")), path);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " is not a zip or jar file (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(path + " is not a PF4J plugin: no plugin.id in plugin.properties"
                + " and no Plugin-Id in META-INF/MANIFEST.MF");
    }

    private static InstalledPlugin fromProperties(Path path, InputStream in) throws IOException {
        Properties values = new Properties();
        values.load(in);
        String id = values.getProperty("plugin.id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(path + " is not a PF4J plugin: no plugin.id in plugin.properties");
        }
        return new InstalledPlugin(id.strip(), orEmpty(values.getProperty("plugin.version")),
                orEmpty(values.getProperty("plugin.description")), path);
    }

    /** Unpacks {@code zip} into the new folder {@code target}, refusing entries that would land outside it. */
    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException(zip + " holds an entry outside the plugin folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            deleteTree(target);
            throw e;
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }

    private static String fileName(Path path) {
        return path.getFileName().toString();
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && (name.endsWith(".zip") || name.endsWith(".jar")) ? name.substring(0, dot) : name;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
