package org.spatialx.shell.script;

import java.nio.file.Path;
import java.util.Map;
import org.spatialx.shell.runtime.Invocation;

/**
 * The SpatialX home folder: {@code $SPATIALX_HOME}, else {@code ~/.spatialx}. It holds the local
 * server's data, the plugins folder, the REPL history and the GraalVM language cache.
 *
 * @param root the folder
 */
public record SpatialxHome(Path root) {

    /** The environment variable naming the home folder. */
    public static final String VARIABLE = "SPATIALX_HOME";

    /** The system property that overrides {@value #VARIABLE} (tests, embedding applications). */
    public static final String PROPERTY = "spatialx.home";

    /**
     * The home of this command: the {@value #PROPERTY} system property, else {@value #VARIABLE} of the
     * command's environment ({@link Invocation#current()}), else {@code ~/.spatialx}.
     */
    public static SpatialxHome current() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new SpatialxHome(Path.of(property).toAbsolutePath());
        }
        return of(Invocation.current().environment());
    }

    /** The home named by {@code environment}, else {@code ~/.spatialx}. */
    public static SpatialxHome of(Map<String, String> environment) {
        String configured = environment.get(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new SpatialxHome(Invocation.current().resolve(configured));
        }
        return new SpatialxHome(Path.of(System.getProperty("user.home"), ".spatialx"));
    }

    /** Where GraalVM unpacks the Python standard library and other language files on first start. */
    public Path languageCache() {
        return root.resolve("cache").resolve("graalvm");
    }

    /** The REPL history file. */
    public Path history(ScriptLanguage language) {
        return root.resolve("history-" + language.id());
    }

    /** The folder PF4J plugin zips are installed into. */
    public Path plugins() {
        return root.resolve("plugins");
    }
}
