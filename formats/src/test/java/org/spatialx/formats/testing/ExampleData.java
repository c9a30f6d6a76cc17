package org.spatialx.formats.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Where the tests find real instrument outputs: the bundled examples/data and, for GPL data, ../shared/testdata. */
public final class ExampleData {

    private ExampleData() {
    }

    /** A bundled data set folder or file, e.g. {@code xenium/SFE_toy_Xenium_XOA1x_human_526cells}. */
    public static Path bundled(String relative) {
        String dir = System.getProperty("spatialx.examples.dir", "../examples/data");
        Path path = Path.of(dir, relative).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException("Bundled example data missing: " + path);
        }
        return path;
    }

    /** A data set of ../shared/testdata that is not bundled (GPL); skips the test when absent. */
    public static Path shared(String relative) {
        String dir = System.getProperty("spatialx.shared.dir", "../../shared");
        Path path = Path.of(dir, "testdata", relative).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(path), "GPL test data not bundled and not found at " + path
                + " (set -Dspatialx.shared.dir to the folder holding testdata/)");
        return path;
    }

    /** Copies a folder tree (to derive layout variants in a temporary folder). */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
