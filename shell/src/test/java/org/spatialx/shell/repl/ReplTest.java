package org.spatialx.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.shell.script.FixtureConnector;
import org.spatialx.shell.script.NotebookDocs;
import org.spatialx.shell.script.ScriptBridge;
import org.spatialx.shell.script.ScriptEngines;
import org.spatialx.shell.script.ScriptLanguage;
import org.spatialx.shell.script.ScriptSession;

/** The REPL through a JLine virtual terminal: completion, multi-line input, help, errors, Ctrl-C, history. */
class ReplTest {

    static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() {
        engine = ScriptEngines.create(Path.of(System.getProperty("java.io.tmpdir"), "spatialx-test-graalvm-cache"));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    /** A REPL running on its own thread over a virtual terminal we type into. */
    private static final class Typist implements AutoCloseable {
        final PipedOutputStream keys = new PipedOutputStream();
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final Terminal terminal;
        final ScriptSession session;
        final CompletableFuture<Integer> exit;

        Typist(ScriptLanguage language, Path history) throws IOException {
            PipedInputStream input = new PipedInputStream(keys, 1 << 16);
            // A pure-Java virtual terminal (its own line discipline turns Ctrl-C into SIGINT), no pty.
            terminal = new ExternalTerminal("spatialx-test", "xterm", input, screen, StandardCharsets.UTF_8);
            terminal.setSize(new Size(200, 50));
            ScriptBridge bridge = new ScriptBridge(options -> new FixtureConnector(options.domain()),
                    List.of(), List.of(""), NotebookDocs.load());
            // As the shell opens it: the prompt shows while the context is made on the session's thread.
            session = ScriptSession.openInteractive(language, () -> engine, bridge, terminal.output(), terminal.output(),
                    new ByteArrayInputStream(new byte[0]), history.getParent());
            Repl repl = new Repl(session, terminal, history);
            // Its own thread, not the common pool, which other code in this JVM may keep busy.
            exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return repl.run();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, runnable -> new Thread(runnable, "repl-under-test").start());
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /**
         * Waits until the screen shows {@code expected} (bounded, so a broken REPL fails instead of hanging; the
         * bound is generous: a GraalPy context starting on a machine whose cores are taken took over a minute).
         */
        String awaitScreen(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                if (exit.isCompletedExceptionally()) {
                    exit.join(); // the REPL crashed: fail with its exception
                }
                String text = screen.toString(StandardCharsets.UTF_8);
                if (text.contains(expected)) {
                    return text;
                }
                Thread.sleep(50);
            }
            fail("the screen never showed '" + expected + "':\n" + screen.toString(StandardCharsets.UTF_8));
            return null;
        }

        @Override
        public void close() throws Exception {
            keys.close();
            terminal.close();
            session.close();
        }
    }

    @Test
    void pythonCompletesRunsMultiLineInputShowsHelpAndErrorsAndCancels() throws Exception {
        Path history = dir.resolve("home").resolve("history-python");
        try (Typist typist = new Typist(ScriptLanguage.PYTHON, history)) {
            typist.awaitScreen(">>> ");
            typist.type("connector = SpatialXConnector(domain=\"https://x.org\")\r");
            typist.type("connector.list_st\t");
            typist.awaitScreen("connector.list_study");
            typist.type("(gr\t");
            typist.awaitScreen("connector.list_study(group=");
            typist.type("\"Personal workspace\", species=Species.HU\t");
            typist.awaitScreen("species=Species.HUMAN");
            typist.type(")\r");
            typist.awaitScreen("[]");

            typist.type("def twice(x):\r");
            typist.awaitScreen("... ");
            typist.type("    return x * 2\r");
            typist.awaitScreen("return x * 2");
            typist.type("\r");
            typist.type("twice(21)\r");
            typist.awaitScreen("42");

            typist.type("help(connector.list_study)\r");
            typist.awaitScreen("list_study(group, species='human', limit=50, active=True)");

            typist.type("connector.get_study_detail(study_id=\"ST-7\")\r");
            typist.awaitScreen("input-6:1: SpatialXError: Study ST-7 not found on https://x.org");

            typist.type("connector.wait_forever()\r");
            assertTrue(FixtureConnector.WAITING.tryAcquire(60, TimeUnit.SECONDS), "wait_forever() never started");
            typist.type("\u0003");
            typist.awaitScreen("Cancelled");
            typist.type("6 * 7 + 100\r");
            typist.awaitScreen("142");

            typist.type("\u0004");
            assertEquals(0, typist.exit.get(60, TimeUnit.SECONDS));
        }
        String saved = Files.readString(history);
        assertTrue(saved.contains("twice(21)"), saved);
    }

    @Test
    void javascriptCompletesKeywordsAndReportsTheInputLine() throws Exception {
        try (Typist typist = new Typist(ScriptLanguage.JS, dir.resolve("history-js"))) {
            typist.awaitScreen("> ");
            typist.type("const connector = new SpatialXConnector({domain: \"https://x.org\"})\r");
            // a notebook object shows as its text, not as the Proxy (and its handler's source) behind it
            typist.type("again = new SpatialXConnector({domain: \"https://x.org\"})\r");
            assertFalse(typist.awaitScreen("[FixtureConnector]").contains("Proxy("));
            typist.type("connector.analysis.embeddings.pc\t");
            typist.awaitScreen("connector.analysis.embeddings.pca");
            typist.type("({data_i\t");
            typist.awaitScreen("pca({data_id: ");
            typist.type("\"DA-1\"}).n_components\r");
            typist.awaitScreen("50");
            typist.type("[40,\r");
            typist.awaitScreen("... ");
            typist.type("2].reduce((a, b) => a + b)\r");
            typist.awaitScreen("42");
            typist.type("connector.nothing_here\r");
            typist.awaitScreen("input-5:1: TypeError: 'FixtureConnector' has no attribute 'nothing_here'");
            typist.type("({study: \"ST-1\", samples: 2})\r");
            typist.awaitScreen("{study: \"ST-1\", samples: 2}"); // other values as GraalJS's REPL prints them
            typist.type("\u0004");
            assertEquals(0, typist.exit.get(60, TimeUnit.SECONDS));
        }
    }
}
