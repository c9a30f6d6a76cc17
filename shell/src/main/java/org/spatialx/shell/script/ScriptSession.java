package org.spatialx.shell.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One Python or JavaScript context with the notebook API installed ({@code spatialx_connector} in
 * Python, globals in JavaScript). Every evaluation runs on the session's own worker thread, so
 * {@link #cancel()} can interrupt a running call while the caller (the REPL) keeps going.
 */
public final class ScriptSession implements AutoCloseable {

    /** Source names of the preludes; error locations inside them are not the user's line. */
    static final String PYTHON_PRELUDE = "spatialx_connector.py";
    static final String JS_PRELUDE = "spatialx_connector.js";

    private final ScriptLanguage language;
    private final ExecutorService worker;
    private volatile Context context;
    private volatile Thread workerThread;

    private ScriptSession(ScriptLanguage language, ExecutorService worker) {
        this.language = language;
        this.worker = worker;
    }

    /**
     * Opens a session.
     *
     * @param engine the shared engine ({@link ScriptEngines#create})
     * @param bridge the host bridge to the connector
     * @param out    where the script's standard output goes
     * @param err    where the script's standard error goes
     * @param in     the script's standard input
     * @param cwd    the working directory of relative paths
     */
    public static ScriptSession open(ScriptLanguage language, Engine engine, ScriptBridge bridge,
            OutputStream out, OutputStream err, InputStream in, Path cwd) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "spatialx-" + language.id());
            thread.setDaemon(true);
            return thread;
        });
        Context.Builder builder = Context.newBuilder(language.id())
                .engine(engine)
                .allowHostAccess(HostAccess.EXPLICIT)
                .allowIO(IOAccess.ALL)
                .allowEnvironmentAccess(EnvironmentAccess.INHERIT)
                .allowCreateThread(true)
                .currentWorkingDirectory(cwd.toAbsolutePath())
                .out(out)
                .err(err)
                .in(in);
        if (language == ScriptLanguage.PYTHON) {
            builder.option("python.WarnExperimentalFeatures", "false");
        }
        ScriptSession session = new ScriptSession(language, worker);
        try {
            session.call(() -> {
                session.context = builder.build();
                session.installPrelude(bridge);
                return null;
            });
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return session;
    }

    private void installPrelude(ScriptBridge bridge) {
        if (language == ScriptLanguage.PYTHON) {
            Value globals = context.getBindings("python");
            globals.putMember("_spatialx_bridge", bridge);
            globals.putMember("_spatialx_source", resource(PYTHON_PRELUDE));
            context.eval(Source.create("python", """
                    def _spatialx_bootstrap():
                        import builtins, json, sys, types
                        module = types.ModuleType("spatialx_connector")
                        module.__file__ = "spatialx_connector.py"
                        module._bridge = _spatialx_bridge
                        sys.modules["spatialx_connector"] = module
                        exec(compile(_spatialx_source, "spatialx_connector.py", "exec"), module.__dict__)
                        sys.argv = json.loads(_spatialx_bridge.argvJson())
                        if hasattr(builtins, "help"):
                            builtins._spatialx_original_help = builtins.help
                        builtins.help = module.help
                    _spatialx_bootstrap()
                    del _spatialx_bootstrap, _spatialx_bridge, _spatialx_source
                    """));
        } else {
            Value install = context.eval(Source.newBuilder("js", resource(JS_PRELUDE), JS_PRELUDE).buildLiteral());
            install.execute(bridge, context.eval("js", "globalThis"));
        }
    }

    /** The language of this session. */
    public ScriptLanguage language() {
        return language;
    }

    /** Runs a script file (its errors surface as {@link PolyglotException}). */
    public void runFile(Path file) {
        Source source;
        try {
            // Named as the user wrote the path, so errors read "examples/notebook.py:12: ...".
            source = Source.newBuilder(language.id(), file.toFile()).name(file.toString()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read script " + file, e);
        }
        if (language == ScriptLanguage.PYTHON) {
            call(() -> {
                context.getBindings("python").putMember("__file__", file.toString());
                return null;
            });
        }
        call(() -> context.eval(source));
    }

    /**
     * Evaluates REPL input and prints the value of a final expression, as the language's own REPL
     * does ({@code repr} in Python).
     *
     * @param sourceName the name errors report (e.g. {@code repl})
     */
    public void evalInteractive(String code, String sourceName) {
        call(() -> {
            if (language == ScriptLanguage.PYTHON) {
                // GraalPy's interactive mode compiles one statement; the prelude allows several, like IPython.
                return context.eval("python", "lambda source, name: __import__('spatialx_connector')._repl_exec(source, name, globals())")
                        .execute(code, sourceName);
            }
            return context.eval(Source.newBuilder(language.id(), code, sourceName).interactive(true).cached(false).buildLiteral());
        });
    }

    /** True while {@code code} needs more lines (an open bracket, string or Python block). */
    public boolean isIncomplete(String code) {
        return call(() -> {
            if (language == ScriptLanguage.PYTHON) {
                return context.eval("python", "__import__('spatialx_connector')._incomplete").execute(code).asBoolean();
            }
            try {
                context.parse(Source.newBuilder("js", code, "repl").interactive(true).cached(false).buildLiteral());
                return false;
            } catch (PolyglotException e) {
                return e.isIncompleteSource();
            }
        });
    }

    /** Completions for the end of {@code line}: each replaces the identifier path before the cursor. */
    public List<String> complete(String line) {
        return call(() -> {
            Value candidates = language == ScriptLanguage.PYTHON
                    ? context.eval("python", "lambda line: __import__('spatialx_connector')._complete(line, globals())").execute(line)
                    : context.eval("js", "globalThis.__spatialx_complete").execute(line);
            List<String> out = new java.util.ArrayList<>();
            for (long i = 0; i < candidates.getArraySize(); i++) {
                out.add(candidates.getArrayElement(i).asString());
            }
            return out;
        });
    }

    /**
     * One line describing a failure of this session's code: {@code file:line: Type: message} at the
     * innermost line of the user's code (Python: read from the exception's traceback).
     */
    public String describe(PolyglotException error) {
        if (language == ScriptLanguage.PYTHON && error.isGuestException() && !error.isExit()
                && !error.isInterrupted() && !error.isCancelled() && context != null) {
            try {
                String location = call(() -> {
                    Value where = context.eval("python", "__import__('spatialx_connector')._user_location")
                            .execute(error.getGuestObject());
                    return where.isNull() ? null : where.getArrayElement(0).asString() + ":" + where.getArrayElement(1).asInt();
                });
                if (location != null) {
                    return location + ": " + ScriptErrors.message(error);
                }
            } catch (PolyglotException | IllegalStateException e) {
                // Fall back to the polyglot stack below.
            }
        }
        return ScriptErrors.describe(error);
    }

    /**
     * Cancels the running evaluation: interrupts the worker thread (a blocking connector call) and
     * the guest code. The session stays usable.
     */
    public void cancel() {
        Thread thread = workerThread;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            context.interrupt(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
            // The call did not return to guest code in time; the next prompt still works once it does.
        } catch (IllegalStateException e) {
            // Context already closed.
        }
    }

    private <T> T call(Callable<T> action) {
        Future<T> future = worker.submit(() -> {
            workerThread = Thread.currentThread();
            try {
                return action.call();
            } finally {
                Thread.interrupted(); // a cancelled call must not poison the next one
            }
        });
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new IllegalStateException("Interrupted while waiting for the script", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ScriptSession.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " in the shell jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (context != null) {
                call(() -> {
                    context.close(true);
                    return null;
                });
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
