package org.spatialx.shell.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.spatialx.shell.runtime.Invocation;

/**
 * One Python or JavaScript context with the notebook API installed ({@code spatialx_connector} in
 * Python, globals in JavaScript). Every evaluation runs on the session's own worker thread, so
 * {@link #cancel()} can interrupt a running call while the caller (the REPL) keeps going.
 */
public final class ScriptSession implements AutoCloseable {

    private final ScriptLanguage language;
    private final Prelude prelude;
    private final ExecutorService worker;
    private volatile Context context;
    private volatile Thread workerThread;
    private volatile Throwable startFailure;

    private ScriptSession(ScriptLanguage language, ExecutorService worker) {
        this.language = language;
        this.prelude = language.prelude();
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
        ScriptSession session = start(language, () -> engine, bridge, out, err, in, cwd, false);
        try {
            session.call(() -> null); // waits for the context, rethrowing why it could not be built
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return session;
    }

    /**
     * Opens a session for the REPL and returns at once: the engine, the context and the notebook's names
     * as a prompt uses them (Python: {@code from spatialx_connector import *}) are made on the session's
     * worker thread while the caller shows its prompt (without a JIT, a Python context takes seconds).
     * Every call waits for them; when they could not be made, every call throws why.
     *
     * @param engine supplies the shared engine, on the worker thread
     */
    public static ScriptSession openInteractive(ScriptLanguage language, Supplier<Engine> engine, ScriptBridge bridge,
            OutputStream out, OutputStream err, InputStream in, Path cwd) {
        return start(language, engine, bridge, out, err, in, cwd, true);
    }

    private static ScriptSession start(ScriptLanguage language, Supplier<Engine> engine, ScriptBridge bridge,
            OutputStream out, OutputStream err, InputStream in, Path cwd, boolean interactive) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "spatialx-" + language.id());
            thread.setDaemon(true);
            return thread;
        });
        ScriptSession session = new ScriptSession(language, worker);
        // the command's environment: the client's in the warm runtime, never the runtime process's own
        Map<String, String> environment = Invocation.current().environment();
        // The first task of the worker: every later call queues behind it.
        worker.submit(() -> {
            try {
                Context.Builder builder = Context.newBuilder(language.id())
                        .engine(engine.get())
                        .allowHostAccess(HostAccess.EXPLICIT)
                        .allowIO(IOAccess.ALL)
                        .allowEnvironmentAccess(EnvironmentAccess.NONE)
                        .environment(environment)
                        .allowCreateThread(true)
                        .currentWorkingDirectory(cwd.toAbsolutePath())
                        .out(out)
                        .err(err)
                        .in(in);
                session.prelude.configure(builder);
                session.context = builder.build();
                session.prelude.install(session.context, bridge);
                if (interactive) {
                    session.prelude.prepareInteractive(session.context);
                }
            } catch (RuntimeException | Error e) {
                session.startFailure = e;
            }
        });
        return session;
    }

    /** The language of this session. */
    public ScriptLanguage language() {
        return language;
    }

    /** Runs a script file (its errors surface as {@link PolyglotException}). */
    public void runFile(Path file) {
        runFile(file, file.toString());
    }

    /**
     * Runs a script file named {@code name} in errors and {@code __file__} (as the user wrote the path, so
     * errors read "examples/notebook.py:12: ..."), wherever the file is read from.
     */
    public void runFile(Path file, String name) {
        Source source;
        try {
            source = Source.newBuilder(language.id(), file.toFile()).name(name).build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read script " + file, e);
        }
        call(() -> {
            prelude.beforeRun(context, name);
            return context.eval(source);
        });
    }

    /**
     * Evaluates REPL input and prints the value of a final expression, as the language's own REPL
     * does ({@code repr} in Python).
     *
     * @param sourceName the name errors report (e.g. {@code repl})
     */
    public void evalInteractive(String code, String sourceName) {
        call(() -> {
            prelude.evalInteractive(context, code, sourceName);
            return null;
        });
    }

    /** True while {@code code} needs more lines (an open bracket, string or Python block). */
    public boolean isIncomplete(String code) {
        return call(() -> prelude.isIncomplete(context, code));
    }

    /** Completions for the end of {@code line}: each replaces the identifier path before the cursor. */
    public List<String> complete(String line) {
        return call(() -> {
            Value candidates = prelude.complete(context, line);
            List<String> out = new ArrayList<>();
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
        if (context != null) {
            try {
                String location = call(() -> prelude.userLocation(context, error));
                if (location != null) {
                    return location + ": " + ScriptErrors.message(error);
                }
            } catch (PolyglotException | IllegalStateException e) {
                // Fall back to the polyglot stack below.
            }
        }
        return ScriptErrors.describe(error, prelude.sourceName);
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
        Context current = context;
        if (current == null) {
            return; // still starting: the interrupted worker thread stops at the next guest instruction
        }
        try {
            current.interrupt(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
            // The call did not return to guest code in time; the next prompt still works once it does.
        } catch (IllegalStateException e) {
            // Context already closed.
        }
    }

    private <T> T call(Callable<T> action) {
        Future<T> future = worker.submit(() -> {
            if (startFailure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (startFailure instanceof Error error) {
                throw error;
            }
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

    @Override
    public void close() {
        // A cancelled caller (Ctrl-C in the warm runtime's client) still closes the context: a long-lived
        // process must not keep it in the shared engine. The interrupt is kept for the caller.
        boolean interrupted = Thread.interrupted();
        try {
            if (startFailure == null) {
                call(() -> {
                    if (context != null) {
                        context.close(true);
                    }
                    return null;
                });
            }
        } finally {
            worker.shutdownNow();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
