package org.spatialx.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python side of the comparison tests: {@code /usr/bin/python3} with scikit-learn and scipy runs
 * the reference scripts of {@code src/test/python} on arrays written as raw little-endian files. A
 * test that needs it is skipped, saying why, when the interpreter or a package is missing.
 */
public final class PythonReference {

    private static final Path PYTHON = Path.of(System.getProperty("spatialx.python", "/usr/bin/python3"));
    private static final Path SCRIPTS = Path.of("src/test/python");
    private static String versions;

    private PythonReference() {
    }

    /** Skips the calling test unless Python has scikit-learn 1.2 and scipy 1.10 (the versions compared against). */
    public static synchronized void assumeAvailable() {
        if (versions == null) {
            versions = probe();
        }
        assumeTrue(versions.startsWith("sklearn 1.2") && versions.contains("scipy 1.10"),
                "Comparison with the Python stack skipped: " + PYTHON + " should have scikit-learn 1.2 and scipy 1.10"
                        + " (Debian 12: python3-sklearn python3-scipy); found: " + versions);
    }

    private static String probe() {
        if (!Files.isExecutable(PYTHON)) {
            return "no interpreter at " + PYTHON;
        }
        try {
            List<String> out = run(List.of(PYTHON.toString(), "-c",
                    "import sklearn, scipy, numpy; print('sklearn', sklearn.__version__, 'scipy', scipy.__version__,"
                            + " 'numpy', numpy.__version__)"));
            return String.join(" ", out);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Runs {@code src/test/python/<script>} with {@code args}; returns its standard output lines. */
    public static List<String> script(String script, Object... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPTS.resolve(script).toString()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return run(command);
    }

    private static List<String> run(List<String> command) {
        try {
            Path errors = Files.createTempFile("spatialx-python", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
                // one thread: the comparisons check results, not speed, on a machine shared with other builds
                builder.environment().put("OMP_NUM_THREADS", "1");
                builder.environment().put("OPENBLAS_NUM_THREADS", "1");
                Process process = builder.start();
                process.getOutputStream().close();
                List<String> lines;
                try (var stdout = process.getInputStream()) {
                    lines = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                }
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed: " + Files.readString(errors));
                }
                return lines;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code values} as little-endian float64 (numpy {@code fromfile(dtype="<f8")}). */
    public static void writeDoubles(Path file, double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        write(file, buffer);
    }

    /** Writes {@code values} as little-endian int32 (numpy {@code fromfile(dtype="<i4")}). */
    public static void writeInts(Path file, int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        write(file, buffer);
    }

    private static void write(Path file, ByteBuffer buffer) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
