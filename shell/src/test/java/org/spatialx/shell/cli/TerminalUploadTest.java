package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on a real terminal: {@code spatialx shell} and {@code spatialx run} in their own
 * JVM on a pseudo-terminal (util-linux {@code script}), uploading a small file to the embedded local
 * server, then printing: the bar is drawn, the output after it shows, and the REPL prompt comes back
 * and echoes what is typed (a progress-bar library once closed the terminal's standard output here).
 * Off a terminal the notebooks' uploads report plain lines (RunCommandTest).
 */
class TerminalUploadTest {

    private static final long PATIENCE_SECONDS = 180;

    @TempDir
    Path dir;

    private Path upload;

    @BeforeAll
    static void needsScript() {
        String version;
        try {
            Process process = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
            version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            version = "";
        }
        assumeTrue(version.contains("util-linux"),
                "needs util-linux script(1) to give the shell a pseudo-terminal (not found: " + version.strip() + ")");
    }

    @BeforeEach
    void smallFile() throws IOException {
        byte[] bytes = new byte[2048];
        new Random(7).nextBytes(bytes);
        upload = Files.write(dir.resolve("small.bin"), bytes);
    }

    @Test
    void theReplPrintsAndPromptsAfterAnUpload() throws Exception {
        try (Child shell = Child.onTerminal(dir, "shell")) {
            shell.await(">>> ");
            shell.type("connector = SpatialXConnector(domain=\"\", token=\"\")\r");
            shell.type("r = connector.upload_file(file_path=\"" + upload + "\")\r");
            shell.await("100% [");
            shell.type("print(\"after the upload:\", r[\"path\"])\r");
            String screen = shell.await("after the upload: " + dir.resolve("home").resolve("Upload").resolve("small.bin"));
            assertTrue(screen.contains("] 2.0/2.0 KiB ("), screen);
            shell.type("6 * 7\r");
            screen = shell.await("42\r\n");
            String afterPrint = screen.substring(screen.indexOf("after the upload:"));
            assertTrue(afterPrint.contains(">>> 6 * 7"), "the prompt comes back and echoes the input:\n" + afterPrint);
            shell.type("exit()\r");
            assertEquals(0, shell.exitCode(), shell.screen());
        }
    }

    @Test
    void aScriptPrintsAfterAnUploadOnATerminal() throws Exception {
        // JavaScript: it starts in a few seconds where Python takes ten; the output path is the same
        Path script = Files.writeString(dir.resolve("upload.js"), """
                const connector = new SpatialXConnector({domain: "", token: ""});
                console.log("before the upload");
                const r = connector.upload_file({file_path: %s});
                console.log("after the upload:", r.path);
                """.formatted(quoted(upload.toString())));
        try (Child run = Child.onTerminal(dir, "run", script.toString())) {
            assertEquals(0, run.exitCode(), run.screen());
            String screen = run.screen();
            int bar = screen.indexOf("small.bin 100% [");
            int after = screen.indexOf("after the upload: " + dir.resolve("home").resolve("Upload").resolve("small.bin"));
            assertTrue(screen.indexOf("before the upload") >= 0 && bar > screen.indexOf("before the upload"), screen);
            assertTrue(after > bar, "printed after the bar:\n" + screen);
        }
    }

    /** A string literal of Python and JavaScript. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The spatialx command line in its own JVM, its output collected as it comes. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final Thread reader;

        private Child(ProcessBuilder builder) throws IOException {
            process = builder.redirectErrorStream(true).start();
            keys = process.getOutputStream();
            reader = Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (output) {
                            output.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
        }

        /** {@code spatialx ARGS} on a 120-column pseudo-terminal. */
        static Child onTerminal(Path dir, String... args) throws IOException {
            StringBuilder command = new StringBuilder("stty cols 120 rows 40 2>/dev/null; exec");
            for (String part : command(args)) {
                command.append(" '").append(part.replace("'", "'\\''")).append('\'');
            }
            return new Child(environment(new ProcessBuilder("script", "-qfec", command.toString(), "/dev/null"), dir));
        }

        private static ProcessBuilder environment(ProcessBuilder builder, Path dir) {
            builder.environment().put("SPATIALX_HOME", dir.resolve("home").toString());
            builder.environment().remove("SPATIALX_PLUGINS");
            return builder.directory(dir.toFile());
        }

        /** The JVM of this test running the command line with this test's class path, as ./spatialx does. */
        private static List<String> command(String... args) {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED"));
            if (Runtime.version().feature() >= 24) {
                command.add("--sun-misc-unsafe-memory-access=allow");
            }
            // the language files unpacked once for every test of this build, not once per home
            command.add("-Dpolyglot.engine.userResourceCache="
                    + Path.of(System.getProperty("java.io.tmpdir"), "spatialx-test-graalvm-cache"));
            command.addAll(List.of("-cp", classPath, SpatialxCommand.class.getName()));
            command.addAll(List.of(args));
            return command;
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        String screen() {
            synchronized (output) {
                return output.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until the output shows {@code expected}; returns it all. */
        String await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            while (System.nanoTime() < deadline) {
                String screen = screen();
                if (screen.contains(expected)) {
                    return screen;
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
            fail("never showed '" + expected + "':\n" + screen());
            return null;
        }

        int exitCode() throws InterruptedException {
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                fail("did not end:\n" + screen());
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return process.exitValue();
        }

        @Override
        public void close() throws IOException {
            keys.close();
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }
}
