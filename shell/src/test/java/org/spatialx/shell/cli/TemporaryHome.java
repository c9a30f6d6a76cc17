package org.spatialx.shell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.spatialx.shell.script.SpatialxHome;

/** A fresh SpatialX home for each test of the command line ({@value SpatialxHome#PROPERTY}), the usual one again after it. */
final class TemporaryHome implements BeforeEachCallback, AfterEachCallback {

    private Path folder;
    private Path home;

    /** The home of the running test (not created: commands create what they need). */
    Path path() {
        return home;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("spatialx-test-home-");
        home = folder.resolve("home");
        System.setProperty(SpatialxHome.PROPERTY, home.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        System.clearProperty(SpatialxHome.PROPERTY);
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
