package org.spatialx.analysis.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs the Python stack the comparisons check against with {@code /usr/bin/python3} (numpy, scipy,
 * sklearn, pandas, umap-learn, pynndescent, igraph, leidenalg): the commands of
 * {@code src/test/python/reference_pipeline.py}, served by one Python process for the whole test JVM so
 * that the imports and numba's compilations happen once, and the one-off scripts beside it (k-means, DE
 * genes) that print their results. Arrays go both ways as {@code .npy} files ({@link Npy}). Tests that
 * need it are skipped, saying why, when it is not installed.
 */
public final class PythonReference {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static String unavailable;
    private static boolean checked;
    private static Process server;
    private static Writer commands;
    private static BufferedReader answers;
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "reference-pipeline-answers");
        thread.setDaemon(true);
        return thread;
    });

    private PythonReference() {
    }

    /** The reference pipeline's script. */
    public static Path script() {
        return scripts().resolve("reference_pipeline.py");
    }

    private static Path scripts() {
        return Path.of(System.getProperty("spatialx.python.scripts", "src/test/python")).toAbsolutePath();
    }

    /**
     * Runs the one-off script {@code src/test/python/<script>} with {@code args} on one thread (the
     * comparisons check results, not speed, on a shared machine); returns its standard output lines and
     * fails the test with its standard error when it fails.
     */
    public static List<String> script(String script, Object... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), scripts().resolve(script).toString()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        Path errors = Files.createTempFile("spatialx-python", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            builder.environment().put("OMP_NUM_THREADS", "1");
            builder.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process process = builder.start();
            process.getOutputStream().close();
            List<String> lines;
            try (var stdout = process.getInputStream()) {
                lines = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(script + " failed: " + Files.readString(errors));
            }
            return lines;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** Skips the calling test unless the Python stack is installed. */
    public static synchronized void assumeAvailable() {
        if (!checked) {
            unavailable = probe();
            checked = true;
        }
        assumeTrue(unavailable == null, "Comparison with the Python stack skipped: " + unavailable);
    }

    private static String probe() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " not found";
        }
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), script().toString(), "check").redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return check.waitFor() == 0 ? null : PYTHON + " lacks a package (numpy, scipy, sklearn, pandas, umap-learn,"
                    + " pynndescent, igraph, leidenalg): " + output.strip();
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Runs one command of the script (its arguments after the script name); fails the test with Python's error. */
    public static synchronized void run(long timeoutSeconds, String... arguments) throws IOException {
        if (server == null || !server.isAlive()) {
            start();
        }
        String line = List.of(arguments).stream().map(PythonReference::json).collect(Collectors.joining(", ", "[", "]"));
        commands.write(line + "\n");
        commands.flush();
        Future<String> answer = READER.submit(answers::readLine);
        String reply;
        try {
            reply = answer.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            server.destroyForcibly();
            throw new AssertionError("reference_pipeline.py " + String.join(" ", arguments) + " timed out after "
                    + timeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (reply == null || !reply.equals("ok")) {
            throw new AssertionError("reference_pipeline.py " + String.join(" ", arguments) + " failed: "
                    + (reply == null ? "the process ended" : reply.replace("\\n", "\n")));
        }
    }

    private static void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), script().toString(), "serve")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        server = builder.start();
        commands = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Process started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
