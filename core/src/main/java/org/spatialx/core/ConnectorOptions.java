package org.spatialx.core;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.core.analysis.AnalysisKinds;
import java.util.function.Consumer;
import org.spatialx.core.upload.UploadProgressListener;
import org.spatialx.core.upload.UploadSettings;

/**
 * How a {@link SpatialXConnector} talks to the server. Defaults follow the Python client
 * (protocol 1.3: 1800 s timeouts, 5 connection retries with 0.1 s exponential backoff) except
 * TLS verification, which is ON (protocol 11.6 F); {@link Builder#insecureSkipTlsVerify} is the
 * explicit opt-out (Python's {@code verify_ssl=False}).
 *
 * @param basicAuth             optional basic-auth credentials (null: none)
 * @param insecureSkipTlsVerify true to accept any TLS certificate and host name (unsafe)
 * @param connectTimeout        time allowed to open a connection
 * @param readTimeout           time allowed for the server to answer a request
 * @param maxConnectRetries     retries after a connection failure (refused, connect timeout); HTTP
 *                              errors and read timeouts are never retried
 * @param retryBackoff          first retry delay; doubles at every retry
 * @param logPollInterval       pause between two reads of a log while tracking (protocol 4.6: 1 s)
 * @param trackingOutput        receives each new log line while tracking (default: standard output)
 * @param uploads               how uploads are sent: protocol extensions, parallel chunks, retries,
 *                              resume records ({@link UploadSettings#defaults()})
 * @param uploadProgress        told how each upload progresses, e.g. to draw a bar (default: nothing)
 * @param confirmation          asked before the notebook objects' {@code delete()} (default: {@code Yes}
 *                              typed on standard input, {@link Confirmation#console()})
 * @param analyses              the analysis kinds {@code connector.analysis} offers (default: the kinds on
 *                              the class path, {@link AnalysisKinds#onClassPath()}); hosts that load plugins
 *                              pass theirs too
 */
public record ConnectorOptions(
        BasicAuth basicAuth,
        boolean insecureSkipTlsVerify,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConnectRetries,
        Duration retryBackoff,
        Duration logPollInterval,
        Consumer<String> trackingOutput,
        UploadSettings uploads,
        UploadProgressListener uploadProgress,
        Confirmation confirmation,
        List<Analysis<?>> analyses) {

    /** Python's per-request timeout, used for connecting and for reading (protocol 1.3). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1800);
    /** Python's retry total (protocol 1.3). */
    public static final int DEFAULT_MAX_CONNECT_RETRIES = 5;
    /** Python's backoff factor (protocol 1.3). */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    /** Pause between log reads while tracking (protocol 4.6). */
    public static final Duration DEFAULT_LOG_POLL_INTERVAL = Duration.ofSeconds(1);

    /** Validates. */
    public ConnectorOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(logPollInterval, "logPollInterval");
        Objects.requireNonNull(trackingOutput, "trackingOutput");
        Objects.requireNonNull(uploads, "uploads");
        Objects.requireNonNull(uploadProgress, "uploadProgress");
        Objects.requireNonNull(confirmation, "confirmation");
        analyses = List.copyOf(Objects.requireNonNull(analyses, "analyses"));
        if (maxConnectRetries < 0) {
            throw new SpatialXInvalidInputException("maxConnectRetries must be 0 or more, got " + maxConnectRetries);
        }
        if (retryBackoff.isNegative() || logPollInterval.isNegative()) {
            throw new SpatialXInvalidInputException("retryBackoff and logPollInterval must not be negative");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new SpatialXInvalidInputException(name + " must be a positive duration, got " + value);
        }
    }

    /**
     * The defaults: no basic auth, TLS verified, 1800 s timeouts, 5 connection retries from 0.1 s,
     * {@link UploadSettings#defaults()}, no upload progress listener.
     */
    public static ConnectorOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.basicAuth = basicAuth;
        builder.insecureSkipTlsVerify = insecureSkipTlsVerify;
        builder.connectTimeout = connectTimeout;
        builder.readTimeout = readTimeout;
        builder.maxConnectRetries = maxConnectRetries;
        builder.retryBackoff = retryBackoff;
        builder.logPollInterval = logPollInterval;
        builder.trackingOutput = trackingOutput;
        builder.uploads = uploads;
        builder.uploadProgress = uploadProgress;
        builder.confirmation = confirmation;
        builder.analyses = analyses;
        return builder;
    }

    /** Shows every setting; the password is masked by {@link BasicAuth#toString()}. */
    @Override
    public String toString() {
        return "ConnectorOptions[basicAuth=" + basicAuth + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxConnectRetries=" + maxConnectRetries + ", retryBackoff=" + retryBackoff
                + ", logPollInterval=" + logPollInterval + ", uploads=" + uploads + "]";
    }

    /** Builds {@link ConnectorOptions}. */
    public static final class Builder {
        private BasicAuth basicAuth;
        private boolean insecureSkipTlsVerify;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;
        private int maxConnectRetries = DEFAULT_MAX_CONNECT_RETRIES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration logPollInterval = DEFAULT_LOG_POLL_INTERVAL;
        private Consumer<String> trackingOutput = Builder::printLine;
        private UploadSettings uploads = UploadSettings.defaults();
        private UploadProgressListener uploadProgress = UploadProgressListener.NONE;
        private Confirmation confirmation = Confirmation.console();
        private List<Analysis<?>> analyses;

        private Builder() {
        }

        private static void printLine(String line) {
            PrintStream out = System.out;
            out.println(line);
        }

        /** Sends {@code Authorization: Basic} with these credentials. */
        public Builder basicAuth(String username, String password) {
            this.basicAuth = new BasicAuth(username, password);
            return this;
        }

        /** Sends {@code Authorization: Basic} with these credentials (null: none). */
        public Builder basicAuth(BasicAuth credentials) {
            this.basicAuth = credentials;
            return this;
        }

        /** True accepts any certificate and host name: only for test servers with self-signed certificates. */
        public Builder insecureSkipTlsVerify(boolean skip) {
            this.insecureSkipTlsVerify = skip;
            return this;
        }

        /** Time allowed to open a connection. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Time allowed for the server to answer. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** Retries after connection failures (0 disables retrying). */
        public Builder maxConnectRetries(int retries) {
            this.maxConnectRetries = retries;
            return this;
        }

        /** First retry delay; doubles at each retry. */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = backoff;
            return this;
        }

        /** Pause between two log reads while tracking. */
        public Builder logPollInterval(Duration interval) {
            this.logPollInterval = interval;
            return this;
        }

        /** Where tracked log lines go. */
        public Builder trackingOutput(Consumer<String> output) {
            this.trackingOutput = output;
            return this;
        }

        /** How uploads are sent (mode, parallel chunks, retries, resume directory). */
        public Builder uploads(UploadSettings settings) {
            this.uploads = settings;
            return this;
        }

        /** Who is told how uploads progress (the shell's progress bars); {@link UploadProgressListener#NONE} by default. */
        public Builder uploadProgress(UploadProgressListener listener) {
            this.uploadProgress = listener;
            return this;
        }

        /** Who is asked before a {@code Study}, {@code Sample} or {@code Data} is deleted. */
        public Builder confirmation(Confirmation asked) {
            this.confirmation = asked;
            return this;
        }

        /** The analysis kinds {@code connector.analysis} offers, e.g. the built-ins and those of plugins. */
        public Builder analyses(List<? extends Analysis<?>> kinds) {
            this.analyses = List.copyOf(kinds);
            return this;
        }

        /** The options. */
        public ConnectorOptions build() {
            return new ConnectorOptions(basicAuth, insecureSkipTlsVerify, connectTimeout, readTimeout,
                    maxConnectRetries, retryBackoff, logPollInterval, trackingOutput, uploads, uploadProgress,
                    confirmation, analyses == null ? AnalysisKinds.onClassPath() : analyses);
        }
    }
}
