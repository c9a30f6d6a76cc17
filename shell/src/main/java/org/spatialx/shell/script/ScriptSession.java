package org.spatialx.shell.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private final ScriptLanguage language;
    private final Prelude prelude;
    private final ExecutorService worker;
    private volatile Context context;
    private volatile Thread workerThread;

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
        ScriptSession session = new ScriptSession(language, worker);
        session.prelude.configure(builder);
        try {
            session.call(() -> {
                session.context = builder.build();
                session.prelude.install(session.context, bridge);
                return null;
            });
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return session;
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
        call(() -> {
            prelude.beforeRun(context, file);
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

    /** Makes the notebook's names usable as they are at a REPL prompt (Python: {@code from spatialx_connector import *}). */
    public void prepareInteractive() {
        call(() -> {
            prelude.prepareInteractive(context);
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
