package org.spatialx.core.upload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the connector uploads, beyond the arguments of the Python calls; part of the connector's
 * options ({@code ConnectorOptions.builder().uploads(settings)}).
 *
 * @param mode            {@link Mode#AUTO}: the protocol extensions when the server advertises them
 *                        ({@code capabilities.upload} of account/info), else wire-exact
 * @param parallelChunks  chunk requests of one file in flight at once (capped by the server's
 *                        {@code max_parallel_chunks}; their bodies follow each other, see
 *                        docs/uploads.md); 1 sends them one after another
 * @param maxAttempts     attempts per chunk before the upload stops (1: no retry)
 * @param retryBackoff    pause before the first retry of a chunk; doubles at every retry
 * @param resumeDirectory where resume records live (keyed by server, absolute path, size,
 *                        modification time and server folder)
 */
public record UploadSettings(Mode mode, int parallelChunks, int maxAttempts, Duration retryBackoff,
                             Path resumeDirectory) {

    /** Chunks in flight by default, chosen by measurement on loopback (BENCHMARKS.md, Uploads). */
    public static final int DEFAULT_PARALLEL_CHUNKS = 2;

    /** Which protocol features an upload uses. */
    public enum Mode {
        /** Extensions when advertised by the server, else exactly protocol section 3. */
        AUTO,
        /** Exactly protocol section 3 (sequential chunks, no resume, no checksum), whatever the server says. */
        WIRE_EXACT,
        /** Parallel chunks, resume and SHA-256, even when the server does not advertise them. */
        EXTENDED
    }

    /** Validates. */
    public UploadSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(resumeDirectory, "resumeDirectory");
        if (parallelChunks < 1 || maxAttempts < 1 || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("parallelChunks and maxAttempts must be at least 1 and retryBackoff"
                    + " not negative, got " + parallelChunks + ", " + maxAttempts + ", " + retryBackoff);
        }
    }

    /**
     * AUTO mode, {@value #DEFAULT_PARALLEL_CHUNKS} chunks in flight, 4 attempts from 0.5 s, resume records in
     * {@code $SPATIALX_HOME/upload-resume} (default {@code ~/.spatialx/upload-resume}).
     */
    public static UploadSettings defaults() {
        String home = System.getenv("SPATIALX_HOME");
        Path root = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".spatialx");
        return new UploadSettings(Mode.AUTO, DEFAULT_PARALLEL_CHUNKS, 4, Duration.ofMillis(500),
                root.resolve("upload-resume"));
    }

    /** These settings with another mode. */
    public UploadSettings withMode(Mode value) {
        return new UploadSettings(value, parallelChunks, maxAttempts, retryBackoff, resumeDirectory);
    }

    /** These settings with another number of chunks in flight. */
    public UploadSettings withParallelChunks(int value) {
        return new UploadSettings(mode, value, maxAttempts, retryBackoff, resumeDirectory);
    }

    /** These settings with another retry policy. */
    public UploadSettings withRetries(int attempts, Duration backoff) {
        return new UploadSettings(mode, parallelChunks, attempts, backoff, resumeDirectory);
    }

    /** These settings with another resume directory. */
    public UploadSettings withResumeDirectory(Path value) {
        return new UploadSettings(mode, parallelChunks, maxAttempts, retryBackoff, value);
    }
}
