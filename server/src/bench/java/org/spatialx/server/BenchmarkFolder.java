package org.spatialx.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary folder of one benchmark run (a server home, generated files), in {@code -Dspatialx.bench.dir}
 * (default: the system's temporary folder; {@code /dev/shm} measures without the disk), deleted with
 * everything in it when closed.
 */
public final class BenchmarkFolder implements AutoCloseable {

    private final Path path;

    private BenchmarkFolder(Path path) {
        this.path = path;
    }

    /** Creates {@code <spatialx.bench.dir>/<prefix><random>}. */
    public static BenchmarkFolder create(String prefix) throws IOException {
        Path parent = Path.of(System.getProperty("spatialx.bench.dir", System.getProperty("java.io.tmpdir")));
        return new BenchmarkFolder(Files.createTempDirectory(parent, prefix));
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** Deletes a file, or a folder and everything in it; nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        delete(path);
    }
}
