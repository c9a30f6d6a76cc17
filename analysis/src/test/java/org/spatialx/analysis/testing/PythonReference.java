package org.spatialx.analysis.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/python/reference_pipeline.py} with {@code /usr/bin/python3}: the Python stack
 * (numpy, scipy, sklearn, pandas, umap-learn, pynndescent, igraph, leidenalg) that the comparisons
 * check against. Tests that need it are skipped, saying why, when it is not installed.
 */
public final class PythonReference {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static volatile String unavailable;
    private static volatile boolean checked;

    private PythonReference() {
    }

    /** The reference script. */
    public static Path script() {
        return Path.of(System.getProperty("spatialx.python.scripts", "src/test/python"), "reference_pipeline.py")
                .toAbsolutePath();
    }

    /** Skips the calling test unless the Python stack is installed. */
    public static void assumeAvailable() {
        if (!checked) {
            synchronized (PythonReference.class) {
                if (!checked) {
                    unavailable = probe();
                    checked = true;
                }
            }
        }
        assumeTrue(unavailable == null, "Comparison with the Python stack skipped: " + unavailable);
    }

    private static String probe() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " not found";
        }
        try {
            Result check = execute(List.of(PYTHON.toString(), script().toString(), "check"), 120);
            return check.exitCode == 0 ? null : PYTHON + " lacks a package (numpy, scipy, sklearn, pandas, umap-learn,"
                    + " pynndescent, igraph, leidenalg): " + check.output.strip();
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        }
    }

    /** Runs the script with {@code arguments}; fails the test with Python's output when it fails. */
    public static String run(long timeoutSeconds, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
        command.addAll(List.of(arguments));
        Result result = execute(command, timeoutSeconds);
        if (result.exitCode != 0) {
            throw new AssertionError("reference_pipeline.py " + String.join(" ", arguments) + " failed ("
                    + result.exitCode + "):\n" + result.output);
        }
        return result.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result execute(List<String> command, long timeoutSeconds) throws IOException {
        Path log = Files.createTempFile("reference-pipeline", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // numba caches nothing useful in a fresh temp dir and warns when it cannot write next to the package
            builder.environment().putIfAbsent("NUMBA_CACHE_DIR", System.getProperty("java.io.tmpdir"));
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
