package org.spatialx.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.spatialx.server.submission.SampleParser;

/**
 * Options of a {@link LocalServer}. Start from {@link #defaults()} (home from {@code SPATIALX_HOME}
 * or {@code ~/.spatialx}, token from {@code SPATIALX_TOKEN} or the home, 127.0.0.1, an ephemeral
 * port) and change what you need with the {@code with*} methods. {@link #toString} hides secrets.
 *
 * @param home           folder holding the database, the token, uploads and study data
 * @param host           address to bind (loopback by default)
 * @param port           TCP port; 0 picks a free one
 * @param token          the SpatialX-Token to require; null = the one stored in the home, or a new one
 * @param mounts         extra named folders ({@code --mount name=/path})
 * @param basicUser      optional HTTP basic-auth user (null = not required)
 * @param basicPassword  its password
 * @param jobConcurrency how many background jobs run at once
 * @param httpThreads    request-handling threads
 * @param maxChunkSize   largest upload chunk accepted (protocol 3.1: 100 MiB)
 * @param sampleParser   the parse_data_information implementation
 * @param localReads     let reads reach any absolute local path the server's user can read (the
 *                       embedded server of the user's own process); writes stay in the home either way
 */
public record LocalServerConfig(Path home, String host, int port, String token, Map<String, Path> mounts,
                                String basicUser, String basicPassword, int jobConcurrency, int httpThreads,
                                long maxChunkSize, SampleParser sampleParser, boolean localReads) {

    /** Protocol 3.1 {@code UPLOAD_CHUNK_LARGE_SIZE}: the largest chunk a client sends. */
    public static final long LARGE_CHUNK = 104_857_600L;

    public LocalServerConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(host, "host");
        mounts = Map.copyOf(new LinkedHashMap<>(mounts));
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (jobConcurrency < 1 || httpThreads < 1) {
            throw new IllegalArgumentException("jobConcurrency and httpThreads must be at least 1");
        }
        Objects.requireNonNull(sampleParser, "sampleParser");
    }

    /** Home from {@code SPATIALX_HOME} (else {@code ~/.spatialx}), token from {@code SPATIALX_TOKEN}, port 0. */
    public static LocalServerConfig defaults() {
        String envHome = System.getenv("SPATIALX_HOME");
        Path home = envHome != null && !envHome.isBlank() ? Path.of(envHome)
                : Path.of(System.getProperty("user.home"), ".spatialx");
        String envToken = System.getenv("SPATIALX_TOKEN");
        return new LocalServerConfig(home, "127.0.0.1", 0,
                envToken == null || envToken.isBlank() ? null : envToken, Map.of(), null, null,
                Math.max(2, Runtime.getRuntime().availableProcessors()), 64, LARGE_CHUNK, SampleParser.installed(), false);
    }

    public LocalServerConfig withHome(Path value) {
        return new LocalServerConfig(value, host, port, token, mounts, basicUser, basicPassword, jobConcurrency,
                httpThreads, maxChunkSize, sampleParser, localReads);
    }

    public LocalServerConfig withHost(String value) {
        return new LocalServerConfig(home, value, port, token, mounts, basicUser, basicPassword, jobConcurrency,
                httpThreads, maxChunkSize, sampleParser, localReads);
    }

    public LocalServerConfig withPort(int value) {
        return new LocalServerConfig(home, host, value, token, mounts, basicUser, basicPassword, jobConcurrency,
                httpThreads, maxChunkSize, sampleParser, localReads);
    }

    public LocalServerConfig withToken(String value) {
        return new LocalServerConfig(home, host, port, value, mounts, basicUser, basicPassword, jobConcurrency,
                httpThreads, maxChunkSize, sampleParser, localReads);
    }

    /** Adds a named folder ({@code --mount name=/path}). */
    public LocalServerConfig withMount(String name, Path path) {
        Map<String, Path> more = new LinkedHashMap<>(mounts);
        more.put(name, path);
        return new LocalServerConfig(home, host, port, token, more, basicUser, basicPassword, jobConcurrency,
                httpThreads, maxChunkSize, sampleParser, localReads);
    }

    public LocalServerConfig withBasicAuth(String user, String password) {
        return new LocalServerConfig(home, host, port, token, mounts, user, password, jobConcurrency,
                httpThreads, maxChunkSize, sampleParser, localReads);
    }

    public LocalServerConfig withJobConcurrency(int value) {
        return new LocalServerConfig(home, host, port, token, mounts, basicUser, basicPassword, value,
                httpThreads, maxChunkSize, sampleParser, localReads);
    }

    public LocalServerConfig withSampleParser(SampleParser value) {
        return new LocalServerConfig(home, host, port, token, mounts, basicUser, basicPassword, jobConcurrency,
                httpThreads, maxChunkSize, value, localReads);
    }

    /**
     * Lets reads ({@code directory/entities}, parsing, a submission's inputs) reach any absolute local
     * path this process can read, not only the mounts: for the embedded server of the user's own
     * process, never for a server others reach ({@code spatialx serve}). Writes stay in the home.
     */
    public LocalServerConfig withLocalReads(boolean value) {
        return new LocalServerConfig(home, host, port, token, mounts, basicUser, basicPassword, jobConcurrency,
                httpThreads, maxChunkSize, sampleParser, value);
    }

    @Override
    public String toString() {
        return "LocalServerConfig[home=" + home + ", host=" + host + ", port=" + port
                + ", token=" + (token == null ? "(from home)" : "***") + ", mounts=" + mounts
                + ", basicAuth=" + (basicUser == null ? "off" : "***") + ", jobConcurrency=" + jobConcurrency
                + ", httpThreads=" + httpThreads + ", maxChunkSize=" + maxChunkSize + ", localReads=" + localReads + "]";
    }
}
