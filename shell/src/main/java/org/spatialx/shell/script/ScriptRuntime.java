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
    private final NotebookFunctions notebookFunctions = new NotebookFunctions();
    private Engine engine;
    private boolean engineShared;

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

    /**
     * Makes sessions use {@code shared} (an engine that outlives this runtime: the warm runtime's, whose
     * languages are initialised already) instead of creating one; {@link #close()} leaves it open.
     */
    public synchronized ScriptRuntime sharing(Engine shared) {
        engine = shared;
        engineShared = true;
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
        return ScriptSession.open(language, engine(), bridge(argv, out, in), out, err, in, cwd);
    }

    /**
     * Opens a session of {@code language} for the REPL: returns at once while the engine and the context
     * are made in the background ({@link ScriptSession#openInteractive}), so the prompt shows first.
     */
    public ScriptSession openInteractive(ScriptLanguage language, OutputStream out, InputStream in, Path cwd) {
        return ScriptSession.openInteractive(language, this::engine, bridge(List.of(""), out, in), out, out, in, cwd);
    }

    private ScriptBridge bridge(List<String> argv, OutputStream out, InputStream in) {
        PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new ScriptBridge(connectors.forConsole(console, in), notebookFunctions, functions, argv, docs);
    }

    /**
     * Closes the connectors (stopping the local servers this process started), then deletes the
     * temporary folders scripts made (a server's home may be one of them), then the engine (unless it is {@linkplain #sharing shared}).
     */
    @Override
    public synchronized void close() {
        try {
            if (connectors instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot close the connectors: " + e.getMessage(), e);
                }
            }
            notebookFunctions.deleteTemporaryFolders();
        } finally {
            if (engine != null && !engineShared) {
                engine.close();
            }
            engine = null;
        }
    }
}
