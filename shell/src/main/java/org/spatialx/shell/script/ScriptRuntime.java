package org.spatialx.shell.script;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Engine;

/**
 * Everything scripts need in one process: the shared GraalVM engine (language files cached in the
 * home folder), the connector factory, the help texts and the Java objects whose annotated methods
 * are module functions. What goes in is decided by whoever builds it (the command line composes
 * the standard features).
 */
public final class ScriptRuntime implements AutoCloseable {

    private final SpatialxHome home;
    private final ConnectorFactory connectors;
    private final NotebookDocs docs = NotebookDocs.load();
    private final List<Object> functions = new ArrayList<>();
    private Engine engine;

    /** A runtime whose connectors come from {@code connectors}. */
    public ScriptRuntime(SpatialxHome home, ConnectorFactory connectors) {
        this.home = home;
        this.connectors = connectors;
    }

    /**
     * Makes the {@code @NotebookName} methods of {@code annotated} module functions of every session
     * opened afterwards ({@code spatialx_connector.name} in Python, globals in JavaScript), bound
     * like every notebook call.
     */
    public ScriptRuntime functions(Object annotated) {
        functions.add(annotated);
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
        PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
        ScriptBridge bridge = new ScriptBridge(connectors.forConsole(console, in), functions, argv, docs);
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
