package org.spatialx.shell.script;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Engine;

/**
 * Everything scripts need in one process: the shared GraalVM engine (language files cached in the
 * home folder), the connector factory, the help texts and the Java functions exposed to scripts.
 */
public final class ScriptRuntime implements AutoCloseable {

    private final SpatialxHome home;
    private final ConnectorFactory connectors;
    private final NotebookDocs docs = NotebookDocs.load();
    private final Map<String, ScriptBridge.ScriptFunction> functions = new LinkedHashMap<>();
    private Engine engine;

    /** A runtime whose connectors come from {@code connectors}. */
    public ScriptRuntime(SpatialxHome home, ConnectorFactory connectors) {
        this.home = home;
        this.connectors = connectors;
    }

    /** A runtime opening the real connector, on the local server of {@code home} for an empty domain. */
    public static ScriptRuntime standard(SpatialxHome home) {
        ScriptRuntime runtime = new ScriptRuntime(home, new DefaultConnectorFactory(home));
        org.spatialx.shell.picture.SpatialPictures.register(runtime);
        // JavaScript has no file system module; scripts in both languages get a fresh folder this way.
        runtime.function("temporary_folder", kwargs -> java.nio.file.Files.createTempDirectory(
                String.valueOf(kwargs.getOrDefault("prefix", "spatialx-"))).toString());
        return runtime;
    }

    /** Exposes a Java function to scripts under {@code name} (keyword arguments only). */
    public ScriptRuntime function(String name, ScriptBridge.ScriptFunction function) {
        functions.put(name, function);
        return this;
    }

    /** The home folder. */
    public SpatialxHome home() {
        return home;
    }

    /** The shared engine, created on first use. */
    public synchronized Engine engine() {
        if (engine == null) {
            engine = ScriptEngines.create(home.languageCache());
        }
        return engine;
    }

    /**
     * Opens a session of {@code language}.
     *
     * @param argv the script name then its arguments
     */
    public ScriptSession open(ScriptLanguage language, List<String> argv, OutputStream out, OutputStream err,
            InputStream in, Path cwd) {
        ScriptBridge bridge = new ScriptBridge(connectors, argv, docs, functions);
        return ScriptSession.open(language, engine(), bridge, out, err, in, cwd);
    }

    @Override
    public synchronized void close() {
        if (connectors instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close the connectors: " + e.getMessage(), e);
            }
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
