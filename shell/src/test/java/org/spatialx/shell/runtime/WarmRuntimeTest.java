package org.spatialx.shell.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.shell.cli.SpatialxCommand;
import org.spatialx.shell.script.ScriptLanguage;
import org.spatialx.shell.script.SpatialxHome;

/**
 * The warm runtime over a real Unix domain socket: {@link RuntimeClient} attached to a {@link WarmRuntime}
 * of this JVM runs scripts as {@code spatialx run} does in-process (the same output and exit code), with
 * the client's working directory and environment; Ctrl-C cancels; and the lifecycle: the secret, a stale
 * socket, a busy runtime, a newer build, the idle stop.
 */
class WarmRuntimeTest {

    @TempDir
    static Path folder;
    private static Path socket;
    private static Path stamp;
    private static WarmRuntime runtime;

    @BeforeAll
    static void startRuntime() throws IOException {
        System.setProperty(SpatialxHome.PROPERTY, folder.resolve("home").toString());
        System.setProperty("java.awt.headless", "true");
        stamp = Files.writeString(folder.resolve("spatialx-built"), "");
        socket = folder.resolve("home/runtime/shared.sock");
        runtime = WarmRuntime.start(socket, stamp, Duration.ofMinutes(30), false);
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
        System.clearProperty(SpatialxHome.PROPERTY);
    }

    record Outcome(int exit, String out, String err) {
    }

    /** {@code spatialx run ...} in this process, as the launcher runs it without a runtime. */
    private static Outcome inProcess(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SpatialxCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try (Invocation.Scope scope = Invocation.use(new Invocation(cwd, System.getenv(), false))) {
            return new Outcome(cli.execute(args), out.toString(), err.toString());
        }
    }

    /** The same command through the runtime's socket, from a client in {@code cwd} with {@code environment}. */
    private static Outcome attached(Path at, Path cwd, Map<String, String> environment, InputStream stdin,
            AtomicReference<Runnable> ctrlC, String... args) throws RuntimeClient.NotAttached {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RuntimeClient.run(at, List.of(args), new Invocation(cwd, environment, false), stdin, out, err,
                ctrlC::set);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Outcome attached(Path cwd, String... args) throws RuntimeClient.NotAttached {
        return attached(socket, cwd, System.getenv(), InputStream.nullInputStream(), new AtomicReference<>(), args);
    }

    @Test
    void javaScriptPrintsWhatItPrintsInProcessAndFailsTheSameWay(@TempDir Path cwd) throws Exception {
        Files.writeString(cwd.resolve("hi.js"), "console.log('hi ' + argv.slice(1).join(','));\nconsole.error('to stderr');\n");
        Outcome local = inProcess(cwd, "run", "hi.js", "a", "b");
        Outcome remote = attached(cwd, "run", "hi.js", "a", "b");
        assertEquals(new Outcome(0, "hi a,b\n", "to stderr\n"), local);
        assertEquals(local, remote);

        Files.writeString(cwd.resolve("fails.js"), "console.log('before');\nnull.boom();\n");
        Outcome failedLocal = inProcess(cwd, "run", "fails.js");
        Outcome failedRemote = attached(cwd, "run", "fails.js");
        assertEquals(1, failedRemote.exit(), failedRemote.toString());
        assertTrue(failedRemote.err().startsWith("fails.js:2: "), failedRemote.err());
        assertEquals(failedLocal, failedRemote);

        Outcome missing = attached(cwd, "run", "nowhere.js");
        assertEquals(new Outcome(2, "", "spatialx run: no such script: " + cwd.resolve("nowhere.js") + "\n"), missing);
    }

    @Test
    void pythonSeesTheClientsDirectoryEnvironmentAndExitCode(@TempDir Path cwd) throws Exception {
        Files.writeString(cwd.resolve("spots.csv"), "x,y\n1,2\n3,4\n5,1\n");
        Files.writeString(cwd.resolve("note.txt"), "from the client's folder");
        Files.writeString(cwd.resolve("env.py"), """
                import os, sys
                from spatialx_connector import render_spatial
                print(open("note.txt").read())
                print(os.environ.get("SPATIALX_RUNTIME_TEST"), os.getcwd() == sys.argv[1])
                render_spatial(output="spots.png", path="spots.csv", x="x", y="y")
                print(os.path.exists("spots.png"))
                sys.stderr.write("leaving\\n")
                sys.exit(3)
                """);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("SPATIALX_RUNTIME_TEST", "the client's");
        Outcome remote = attached(socket, cwd, environment, InputStream.nullInputStream(), new AtomicReference<>(),
                "run", "env.py", cwd.toString());
        assertEquals(new Outcome(3, "from the client's folder\nthe client's True\nTrue\n", "leaving\n"), remote);
        // relative paths given to the API (render_spatial's path and output) are the client's, not the runtime's
        assertTrue(Files.size(cwd.resolve("spots.png")) > 0);
        assertFalse(Files.exists(Path.of("spots.png").toAbsolutePath()));

        Files.delete(cwd.resolve("spots.png"));
        Outcome local = inProcess(cwd, "run", "env.py", cwd.toString());
        assertEquals(3, local.exit(), local.toString());
        assertEquals(remote.err(), local.err());
    }

    @Test
    void inputIsReadFromTheClientAndASecondClientFindsTheRuntimeBusy(@TempDir Path cwd) throws Exception {
        Files.writeString(cwd.resolve("echo.py"), "print('ready', flush=True)\nprint(input().upper())\n");
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> {
            try {
                return attached(socket, cwd, System.getenv(), stdin, new AtomicReference<>(), "run", "echo.py");
            } catch (RuntimeClient.NotAttached e) {
                throw new IllegalStateException(e);
            }
        });
        awaitBusy();
        RuntimeClient.NotAttached busy = assertThrows(RuntimeClient.NotAttached.class, () -> attached(cwd, "run", "echo.py"));
        assertTrue(busy.getMessage().startsWith("busy"), busy.getMessage());
        typing.write("typed here\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        assertEquals(new Outcome(0, "ready\nTYPED HERE\n", ""), first.get(120, TimeUnit.SECONDS));
    }

    @Test
    void ctrlCCancelsTheScriptWhichExits130AndTheRuntimeRunsTheNextCommand(@TempDir Path cwd) throws Exception {
        Files.writeString(cwd.resolve("forever.js"), "console.log('looping');\nwhile (true) {}\n");
        AtomicReference<Runnable> ctrlC = new AtomicReference<>();
        CompletableFuture<Outcome> looping = CompletableFuture.supplyAsync(() -> {
            try {
                return attached(socket, cwd, System.getenv(), InputStream.nullInputStream(), ctrlC, "run", "forever.js");
            } catch (RuntimeClient.NotAttached e) {
                throw new IllegalStateException(e);
            }
        });
        awaitBusy();
        Thread.sleep(500);
        ctrlC.get().run();
        Outcome cancelled = looping.get(60, TimeUnit.SECONDS);
        assertEquals(RuntimeProtocol.INTERRUPTED_EXIT, cancelled.exit(), cancelled.toString());
        assertEquals("looping\n", cancelled.out());

        Files.writeString(cwd.resolve("after.js"), "console.log('after');\n");
        assertEquals(new Outcome(0, "after\n", ""), attached(cwd, "run", "after.js"));
    }

    /**
     * {@code spatialx shell} attached: a terminal session over the real socket, typed into as a user
     * types (the client's terminal raw: every key, Ctrl-C included, goes to the runtime's JLine terminal).
     */
    private static final class TerminalSession implements AutoCloseable {
        final PipedOutputStream keys = new PipedOutputStream();
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final AtomicReference<RuntimeClient.Controls> controls = new AtomicReference<>();
        final CompletableFuture<Integer> exit;

        TerminalSession(Path cwd, RuntimeProtocol.Window window, String... command) throws IOException {
            PipedInputStream typed = new PipedInputStream(keys, 1 << 16);
            exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return RuntimeClient.run(socket, List.of(command), new Invocation(cwd, System.getenv(), true), window,
                            typed, screen, screen, controls::set);
                } catch (RuntimeClient.NotAttached e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable, "terminal-session-under-test").start());
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Waits until the screen shows {@code expected} {@code times} times; the screen. */
        String await(String expected, int times) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (exit.isCompletedExceptionally()) {
                    exit.join();
                }
                String text = screen.toString(StandardCharsets.UTF_8);
                if (text.split(java.util.regex.Pattern.quote(expected), -1).length > times) {
                    return text;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the screen never showed '" + expected + "' " + times + " times:\n" + screen);
        }

        @Override
        public void close() throws IOException {
            keys.close();
        }
    }

    /** The screen's control characters as Java escapes, to read them in a failure's message. */
    private static String escaped(String screen) {
        StringBuilder text = new StringBuilder();
        screen.chars().forEach(c -> text.append(c < ' ' || c == 127 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return text.toString();
    }

    @Test
    void theShellAttachedEvaluatesCancelsOnCtrlCFollowsTheWindowAndForgetsItsVariables(@TempDir Path cwd) throws Exception {
        try (TerminalSession js = new TerminalSession(cwd, new RuntimeProtocol.Window("xterm", 24, 200), "shell", "--lang", "js")) {
            js.await("Ctrl-D leaves", 1);
            js.type("leaked = 1+2\r");
            js.await("3\r\n", 1); // the line discipline's CR LF: the answer starts its own line on a raw terminal

            js.type("while (true) {}\r");
            Thread.sleep(500);
            js.type("\u0003");
            js.await("Cancelled", 1);
            js.type("leaked * 14\r");
            js.await("42\r\n", 1);

            // the REPL draws the line being edited as wide as the window it was last told of
            String comment = " // " + "y".repeat(100) + "\r";
            js.type("1000+1" + comment);
            // (keys typed ahead while the REPL is busy are echoed by the line discipline, as a tty does: no prompt before them)
            int wide = js.await("1001\r\n", 1).length();
            assertTrue(js.screen.toString(StandardCharsets.UTF_8).contains("> 1000+1 // " + "y".repeat(100)), "one row");
            js.controls.get().resize(new RuntimeProtocol.Window("xterm", 24, 40));
            js.type("2000+2" + comment);
            String narrow = js.await("2002\r\n", 1).substring(wide);
            // the first row ends at the 40th column: the prompt and the code (12 columns), then 28 y
            String firstRow = "> 2000+2 // " + "y".repeat(28) + "\r";
            assertTrue(narrow.contains(firstRow), () -> escaped(narrow));

            js.type("\u0004");
            assertEquals(0, js.exit.get(60, TimeUnit.SECONDS));
        }
        Path history = SpatialxHome.current().history(ScriptLanguage.JS);
        assertTrue(Files.readString(history).contains("leaked * 14"), "the same history file as in-process");

        // each session starts from scratch: nothing of the last one's is left
        try (TerminalSession js = new TerminalSession(cwd, new RuntimeProtocol.Window("xterm", 24, 80), "shell", "--lang", "js")) {
            js.await("Ctrl-D leaves", 1);
            js.type("typeof leaked\r");
            js.await("undefined", 1);
            js.type("\u0004");
            assertEquals(0, js.exit.get(60, TimeUnit.SECONDS));
        }
        try (TerminalSession python = new TerminalSession(cwd, new RuntimeProtocol.Window("xterm", 24, 80), "shell")) {
            python.await("Ctrl-D leaves", 1);
            python.type("exit(3)\r");
            assertEquals(3, python.exit.get(120, TimeUnit.SECONDS));
        }
        Files.writeString(cwd.resolve("after.js"), "console.log('after');\n");
        assertEquals(new Outcome(0, "after\n", ""), attached(cwd, "run", "after.js"), "the runtime is free for the next command");
    }

    /**
     * Keys pasted while a call runs wait for the REPL, more of them than JLine's line discipline holds; a Ctrl-C
     * typed behind them still cancels the call at once, as a kernel's line discipline would.
     */
    @Test
    void aCtrlCTypedBehindAPasteTheBusyReplHasNotReadCancelsAtOnce(@TempDir Path cwd) throws Exception {
        try (TerminalSession js = new TerminalSession(cwd, new RuntimeProtocol.Window("xterm", 24, 80), "shell", "--lang", "js")) {
            js.await("Ctrl-D leaves", 1);
            js.type("while (true) {}\r");
            Thread.sleep(500);
            js.type(" ".repeat(4096)); // the REPL reads none of it while the loop runs
            js.type("\u0003");
            js.await("Cancelled", 1);
            js.type("6*7\r"); // after the pasted spaces, which the prompt now reads
            js.await("42\r\n", 1);
            js.type("\u0004");
            assertEquals(0, js.exit.get(60, TimeUnit.SECONDS));
        }
    }

    /** Waits until the shared runtime runs a command (a second client is then answered busy), asking its status. */
    private static void awaitBusy() throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
                new RuntimeProtocol.Hello(Files.readString(RuntimeProtocol.secretFile(socket)), RuntimeProtocol.STATUS,
                        List.of(), folder, Map.of(), false, null).write(out);
                DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
                assertEquals(RuntimeProtocol.ACCEPTED, in.readByte());
                if (RuntimeProtocol.readString(in).contains("running a command")) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the runtime never got busy");
    }

    @Test
    void aConnectionWithoutTheSecretIsRefused() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(RuntimeProtocol.secretFile(socket))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            new RuntimeProtocol.Hello("not the secret", RuntimeProtocol.RUN, List.of("version"), folder, Map.of(), false, null)
                    .write(out);
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            assertEquals(RuntimeProtocol.REFUSED, in.readByte());
            assertEquals(-1, in.read(), "nothing more: the runtime closed the connection");
        }
    }

    @Test
    void aStaleSocketIsReportedAbsentAndReplacedByTheNextRuntime(@TempDir Path home) throws Exception {
        Path stale = home.resolve("runtime/stale.sock");
        Files.createDirectories(stale.getParent());
        // a runtime that crashed: its socket file and secret are left, nobody listens
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(stale));
        }
        Files.writeString(RuntimeProtocol.secretFile(stale), "old");
        assertTrue(Files.exists(stale));
        long started = System.nanoTime();
        RuntimeClient.NotAttached absent = assertThrows(RuntimeClient.NotAttached.class,
                () -> attached(stale, home, System.getenv(), InputStream.nullInputStream(), new AtomicReference<>(), "version"));
        assertTrue(absent.getMessage().startsWith("absent"), absent.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(RuntimeClient.ANSWER_MILLIS / 1000), "no hang");

        WarmRuntime replacement = WarmRuntime.start(stale, stamp, Duration.ofMinutes(1), false);
        try {
            assertNotNull(replacement);
            assertNull(WarmRuntime.start(stale, stamp, Duration.ofMinutes(1), false), "one runtime per socket");
            Outcome version = attached(stale, home, System.getenv(), InputStream.nullInputStream(), new AtomicReference<>(),
                    "version");
            assertEquals(0, version.exit(), version.toString());
        } finally {
            replacement.close();
        }
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(RuntimeProtocol.secretFile(stale)));
    }

    @Test
    void anIdleRuntimeStopsAndANewerBuildStopsIt(@TempDir Path home) throws Exception {
        Path idle = home.resolve("runtime/idle.sock");
        WarmRuntime idling = WarmRuntime.start(idle, stamp, Duration.ofSeconds(1), false);
        assertTrue(Files.exists(idle));
        CompletableFuture.runAsync(() -> {
            try {
                idling.awaitStopped();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(idle), "the socket goes with the runtime");

        Path built = Files.writeString(home.resolve("spatialx-built"), "");
        Path rebuilt = home.resolve("runtime/rebuilt.sock");
        WarmRuntime old = WarmRuntime.start(rebuilt, built, Duration.ofMinutes(30), false);
        Files.setLastModifiedTime(built, FileTime.from(Instant.now().plusSeconds(5)));
        RuntimeClient.NotAttached outdated = assertThrows(RuntimeClient.NotAttached.class,
                () -> attached(rebuilt, home, System.getenv(), InputStream.nullInputStream(), new AtomicReference<>(), "version"));
        assertTrue(outdated.getMessage().startsWith("outdated"), outdated.getMessage());
        old.awaitStopped();
        assertFalse(Files.exists(rebuilt));
    }
}
