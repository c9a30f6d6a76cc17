package org.spatialx.shell.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm runtime as users meet it, through {@code ./spatialx} in real processes: the first {@code run}
 * runs in-process and leaves a runtime behind; the next ones attach to it and print the same; Ctrl-C
 * (SIGINT of the client) ends the script with 130; {@code runtime status|stop}; {@code SPATIALX_RUNTIME=0}
 * and {@code --no-runtime}. One runtime start for the whole story: each costs a JVM and warm contexts.
 */
class RuntimeLauncherIT {

    private static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("spatialx");

    @TempDir
    Path home;
    @TempDir
    Path cwd;

    record Outcome(int exit, String out, String err) {
    }

    private Outcome launch(Map<String, String> environment, String... args) throws Exception {
        Process launcher = start(environment, args);
        assertTrue(launcher.waitFor(180, TimeUnit.SECONDS), "./spatialx " + List.of(args) + " did not end");
        return outcome(launcher);
    }

    private Process start(Map<String, String> environment, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList())
                .directory(cwd.toFile())
                .redirectOutput(cwd.resolve("out.txt").toFile()).redirectError(cwd.resolve("err.txt").toFile());
        builder.environment().put("SPATIALX_HOME", home.toString());
        builder.environment().put("SPATIALX_AOT", "0"); // no start-up cache recorded and assembled beside the tests
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private Outcome outcome(Process launcher) throws IOException {
        return new Outcome(launcher.exitValue(), Files.readString(cwd.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(cwd.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopRuntime() throws Exception {
        launch(Map.of(), "runtime", "stop");
    }

    @Test
    void theSecondRunAttachesToTheRuntimeTheFirstLeftAndPrintsTheSame() throws Exception {
        Files.writeString(cwd.resolve("hi.js"), "console.log('hi from ' + env.SPATIALX_WHO);\n");
        Outcome first = launch(Map.of("SPATIALX_WHO", "first"), "run", "hi.js");
        assertEquals(new Outcome(0, "hi from first\n", ""), first);

        String status = awaitRuntime();
        assertTrue(status.startsWith("warm runtime: pid "), status);
        Outcome attached = launch(Map.of("SPATIALX_WHO", "second"), "run", "hi.js");
        assertEquals(new Outcome(0, "hi from second\n", ""), attached);
        assertTrue(launch(Map.of(), "runtime", "status").out().contains("idle for"), "the command ended");

        Files.writeString(cwd.resolve("forever.js"), "console.log('looping');\nwhile (true) {}\n");
        Process looping = start(Map.of(), "run", "forever.js");
        Instant deadline = Instant.now().plusSeconds(120);
        while (!Files.readString(cwd.resolve("out.txt")).contains("looping") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        // Ctrl-C: the terminal sends SIGINT to the whole foreground group; the launcher waits, the client forwards it
        ProcessHandle client = looping.toHandle().children().findFirst().orElseThrow();
        new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();
        assertTrue(looping.waitFor(60, TimeUnit.SECONDS), "the client left after Ctrl-C");
        assertEquals(new Outcome(130, "looping\n", ""), outcome(looping));
        assertTrue(launch(Map.of(), "runtime", "status").out().contains("idle for"), "the runtime is free again");

        Files.writeString(cwd.resolve("fails.js"), "throw new Error('on purpose');\n");
        Outcome failed = launch(Map.of(), "run", "fails.js");
        assertEquals(1, failed.exit(), failed.toString());
        assertTrue(failed.err().startsWith("fails.js:1: ") && failed.err().contains("on purpose"), failed.err());
        assertEquals(failed, launch(Map.of("SPATIALX_RUNTIME", "0"), "run", "fails.js"), "in-process: the same");

        Outcome stopped = launch(Map.of(), "runtime", "stop");
        assertTrue(stopped.out().contains("stops"), stopped.toString());
        assertEquals(new Outcome(0, "no warm runtime is running (" + socketOf(status) + ")\n", ""),
                launch(Map.of(), "runtime", "status"));
    }

    /** Waits for the runtime the first command started in the background; returns its status. */
    private String awaitRuntime() throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            Outcome status = launch(Map.of(), "runtime", "status");
            if (status.out().startsWith("warm runtime")) {
                return status.out();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no runtime started: " + Files.readString(home.resolve("runtime").toFile().listFiles(
                (dir, name) -> name.endsWith(".log"))[0].toPath()));
    }

    private static String socketOf(String status) {
        return status.lines().filter(line -> line.contains("socket: ")).findFirst().orElseThrow().split("socket: ")[1];
    }

    /**
     * A terminal that closes when its command ends ({@code script -c}, {@code ssh host cmd}) hangs up its
     * session: the runtime that command leaves behind lives on, and the next command attaches to it.
     */
    @Test
    void theRuntimeOutlivesAPseudoTerminalThatClosesWithTheCommand() throws Exception {
        assumeTrue(onPath("script"), "script(1) (util-linux) is not installed: no pseudo-terminal to close");
        Files.writeString(cwd.resolve("hi.js"), "console.log('hi');\n");
        Process first = underScript(LAUNCHER + " run hi.js");
        first.getOutputStream().close();
        assertTrue(first.waitFor(180, TimeUnit.SECONDS), "the first run ended");
        assertEquals(0, first.exitValue(), Files.readString(cwd.resolve("out.txt")));
        assertTrue(awaitRuntime().startsWith("warm runtime: pid "));

        // attached: while it runs, the runtime says it is running a command
        Files.writeString(cwd.resolve("slow.js"), "const end = Date.now() + 3000;\nwhile (Date.now() < end) {}\nconsole.log('slow done');\n");
        Process second = underScript(LAUNCHER + " run slow.js");
        second.getOutputStream().close();
        Instant deadline = Instant.now().plusSeconds(60);
        boolean seenRunning = false;
        while (!seenRunning && second.isAlive() && Instant.now().isBefore(deadline)) {
            seenRunning = launch(Map.of(), "runtime", "status").out().contains("running a command");
        }
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run ended");
        assertEquals(0, second.exitValue());
        assertTrue(Files.readString(cwd.resolve("script.txt")).contains("slow done"));
        assertTrue(seenRunning, "the second run attached to the runtime");
    }

    /**
     * {@code ./spatialx shell} on a pseudo-terminal, typed into through it: attached to the runtime (which
     * says it runs a command meanwhile), it answers, leaves on Ctrl-D with 0, and the terminal has the
     * settings it had before (the client made it raw for the session).
     */
    @Test
    void theShellAttachesOnATerminalAndLeavesItsSettingsAsTheyWere() throws Exception {
        assumeTrue(onPath("script"), "script(1) (util-linux) is not installed: no pseudo-terminal to type into");
        Files.writeString(cwd.resolve("hi.js"), "console.log('hi');\n");
        assertEquals(0, launch(Map.of(), "run", "hi.js").exit());
        awaitRuntime();
        Files.writeString(cwd.resolve("session.sh"), "stty -g > before.txt\n" + LAUNCHER + " shell --lang js\n"
                + "echo $? > code.txt\nstty -g > after.txt\n");
        Process session = underScript("sh session.sh");
        try (OutputStream keys = session.getOutputStream()) {
            awaitScreen("Ctrl-D leaves", session);
            assertTrue(launch(Map.of(), "runtime", "status").out().contains("running a command"), "attached");
            keys.write("6*7\r".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            awaitScreen("42", session);
            keys.write(4); // Ctrl-D
            keys.flush();
            assertTrue(session.waitFor(60, TimeUnit.SECONDS), "the shell left on Ctrl-D");
        }
        assertEquals("0", Files.readString(cwd.resolve("code.txt")).strip(), screen());
        String before = Files.readString(cwd.resolve("before.txt"));
        assertFalse(before.isBlank());
        assertEquals(before, Files.readString(cwd.resolve("after.txt")), "the terminal's settings are restored");
    }

    private void awaitScreen(String expected, Process session) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && session.isAlive()) {
            if (screen().contains(expected)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the screen never showed '" + expected + "': " + screen());
    }

    /** What script(1) has written of the screen so far (nothing before it has opened its file). */
    private String screen() throws IOException {
        Path typescript = cwd.resolve("script.txt");
        return Files.exists(typescript) ? Files.readString(typescript, StandardCharsets.ISO_8859_1) : "";
    }

    /**
     * {@code commandLine} on a pseudo-terminal of script(1) that closes when the command ends; what the
     * process's standard input gets is typed into it, the screen goes to script.txt.
     */
    private Process underScript(String commandLine) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", commandLine, cwd.resolve("script.txt").toString())
                .directory(cwd.toFile())
                .redirectOutput(cwd.resolve("out.txt").toFile()).redirectError(cwd.resolve("err.txt").toFile());
        builder.environment().put("SPATIALX_HOME", home.toString());
        builder.environment().put("SPATIALX_AOT", "0");
        return builder.start();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }

    @Test
    void withoutTheRuntimeNothingIsLeftBehind() throws Exception {
        Files.writeString(cwd.resolve("hi.js"), "console.log('hi');\n");
        assertEquals(new Outcome(0, "hi\n", ""), launch(Map.of(), "--no-runtime", "run", "hi.js"));
        assertEquals(new Outcome(0, "hi\n", ""), launch(Map.of("SPATIALX_RUNTIME", "0"), "run", "hi.js"));
        Thread.sleep(2000);
        assertFalse(Files.exists(home.resolve("runtime")), "no runtime started");
    }
}
