package org.spatialx.formats.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs checks in the system's Python ({@code /usr/bin/python3}) against the reference libraries
 * (anndata, zarr, h5py, pandas, pyarrow). A test that needs a module it lacks is skipped, saying which.
 */
public final class Python {

    private static final String PYTHON = "/usr/bin/python3";

    private Python() {
    }

    /** Skips the calling test unless {@code /usr/bin/python3} imports every module. */
    public static void assumeModules(String... modules) {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed: the Python cross-check is skipped");
        String imports = "import " + String.join(", ", modules);
        Result result = exec(List.of(PYTHON, "-c", imports));
        assumeTrue(result.exit == 0, PYTHON + " lacks " + String.join("/", modules) + " (" + lastLine(result.err)
                + "): the Python cross-check is skipped");
    }

    /** Runs {@code script} with {@code args} (sys.argv[1:]) and returns its standard output; fails on a non-zero exit. */
    public static String run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Result result = exec(command);
        if (result.exit != 0) {
            fail("Python check failed (exit " + result.exit + "):\n" + result.err + "\nstdout:\n" + result.out);
        }
        return result.out;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result exec(List<String> command) {
        try {
            Path out = Files.createTempFile("python-out", ".txt");
            Path err = Files.createTempFile("python-err", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail("Python check timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(127, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
