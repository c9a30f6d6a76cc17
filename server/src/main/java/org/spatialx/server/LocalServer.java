package org.spatialx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.server.account.AccountApi;
import org.spatialx.server.gateway.StaticGateway;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Credentials;
import org.spatialx.server.ingestion.AnnotatedElementsApi;
import org.spatialx.server.job.JobExecutor;
import org.spatialx.server.lens.LensConversionApi;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Ulid;
import org.spatialx.server.study.Catalog;
import org.spatialx.server.study.DataRecordLayout;
import org.spatialx.server.study.Groups;
import org.spatialx.server.study.StudyApi;
import org.spatialx.server.submission.SubmissionApi;
import org.spatialx.server.upload.UploadApi;
import org.spatialx.server.upload.UploadSessions;
import org.spatialx.technologies.TechnologyCatalog;
import org.spatialx.server.analysis.AnalysisApi;

/**
 * A local SpatialX-compatible server: HTTP on loopback speaking the SpatialX protocol
 * ({@code openapi/}, {@code pyapi/v1/}, {@code ucc.go/} directly under {@link #url()}), with
 * storage in named mounts, metadata in an embedded SQLite database and a background job executor.
 * <pre>{@code
 * try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(dir))) {
 *     String domain = server.url(); String token = server.token();
 * }
 * }</pre>
 */
public final class LocalServer implements AutoCloseable {

    private final String url;
    private final String token;
    private final ServerHome home;
    private final int port;
    private final boolean reused;
    private final List<AutoCloseable> owned;
    private final JobExecutor jobs;
    private final Mounts mounts;

    private LocalServer(String url, String token, ServerHome home, int port, boolean reused,
                        List<AutoCloseable> owned, JobExecutor jobs, Mounts mounts) {
        this.url = url;
        this.token = token;
        this.home = home;
        this.port = port;
        this.reused = reused;
        this.owned = owned;
        this.jobs = jobs;
        this.mounts = mounts;
    }

    /** Starts a server for {@code config.home()}; fails if another one runs for that home. */
    public static LocalServer start(LocalServerConfig config) {
        ServerHome home = new ServerHome(config.home());
        return startUnlessRunning(config, home).orElseThrow(home::inUse);
    }

    /** Starts a server for the home, or answers empty when another server holds the home's lock. */
    private static Optional<LocalServer> startUnlessRunning(LocalServerConfig config, ServerHome home) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            home.create();
            Optional<FileLock> locked = home.lock();
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            FileLock lock = locked.get();
            owned.add(() -> {
                lock.release();
                lock.channel().close();
            });
            String token = home.token(config.token());
            home.cleanTemporaryParts();
            Clock clock = Clock.systemUTC();
            ObjectMapper json = new ObjectMapper().registerModule(new DataRecordLayout());
            Database database = Database.open(home.databaseFile());
            owned.add(0, database);
            Groups groups = Groups.load(database);
            Mounts mounts = Mounts.create(home.root(), config.mounts(), config.localReads());
            JobExecutor jobs = new JobExecutor(database, clock, config.jobConcurrency());
            owned.add(0, jobs);
            Ulid ids = new Ulid(clock);
            Catalog catalog = new Catalog(json);
            UploadSessions uploads = new UploadSessions(database, mounts, home.uploadSessions(), config.maxChunkSize(),
                    clock);
            uploads.removeAbandoned(Duration.ofDays(7));

            ApiServer http = new ApiServer(json, new Credentials(token, config.basicUser(), config.basicPassword()),
                    home.tmp(), Math.max(config.maxChunkSize(), 4L * 1024 * 1024 * 1024));
            int port = http.bind(config.host(), config.port(), config.httpThreads());
            owned.add(0, http);
            String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
            String url = "http://" + host + ":" + port + "/";

            // Every family of endpoints, and every kind of job with what follows its end.
            TechnologyCatalog technologies = TechnologyCatalog.load(home.root().resolve("plugins"));
            owned.add(0, technologies);
            SubmissionApi submissions = new SubmissionApi(database, catalog, mounts, jobs, ids, json,
                    config.sampleParser(), technologies, clock);
            http.register(
                    new AccountApi(mounts, groups, url, UploadApi.capabilities(config.maxChunkSize())),
                    new StudyApi(database, catalog, groups, ids, home.studies(), clock),
                    submissions,
                    new UploadApi(uploads),
                    new AnnotatedElementsApi(database, catalog),
                    new AnalysisApi(database, catalog, jobs, ids, json, technologies.analyses()),
                    new StaticGateway(database, home.studies()),
                    new LensConversionApi(database, catalog, groups, mounts, submissions, home.studies(), clock));
            jobs.onFinished(SubmissionApi.RECEIVE_JOB, submissions::receiveFinished);
            jobs.recoverInterrupted(); // after every kind's listener is registered: they hear of the failed jobs

            http.start();
            home.writeServerFile(url, port);
            owned.add(0, () -> Files.deleteIfExists(home.serverFile()));
            return Optional.of(new LocalServer(url, token, home, port, false, owned, jobs, mounts));
        } catch (IOException | RuntimeException e) {
            closeAll(owned);
            if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                throw (RuntimeException) e;
            }
            throw new IllegalStateException("Cannot start the local SpatialX server in " + home.root() + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@link #startOrReuse(LocalServerConfig)} with the defaults for {@code home}. */
    public static LocalServer startOrReuse(Path home) {
        return startOrReuse(LocalServerConfig.defaults().withHome(home));
    }

    /**
     * Reuses the server already running for the home (its {@code server.json} answers
     * {@code account/info} with the stored token), or starts one. Closing a reused server does not
     * stop it. A running server keeps the folders it was started with, so it is reused only when it
     * already serves every mount of {@code config} (same name, same folder).
     *
     * @throws IllegalStateException when the running server lacks one of {@code config}'s mounts,
     *                               saying which and what to do
     */
    public static LocalServer startOrReuse(LocalServerConfig config) {
        ServerHome home = new ServerHome(config.home());
        for (int attempt = 0; ; attempt++) {
            LocalServer running = findRunning(home);
            if (running != null) {
                running.requireMounts(config.mounts());
                return running;
            }
            Optional<LocalServer> started = startUnlessRunning(config, home);
            if (started.isPresent()) {
                return started.get();
            }
            if (attempt >= 20) {
                throw home.inUse();
            }
            sleep(250); // another process is starting for this home: wait for its server.json
        }
    }

    private static LocalServer findRunning(ServerHome home) {
        JsonNode info = home.readServerFile();
        String token = home.storedToken();
        if (info == null || token == null) {
            return null;
        }
        String url = info.path("url").asText();
        long pid = info.path("pid").asLong(-1);
        if (url.isEmpty() || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
            return null;
        }
        LocalServer running = new LocalServer(url, token, home, info.path("port").asInt(), true, List.of(), null, null);
        return running.get("openapi/account/info") == null ? null : running;
    }

    /**
     * Fails unless this server serves each of {@code wanted} under its name: a running server of
     * another process cannot take new mounts (its folders are fixed when it starts).
     */
    private void requireMounts(Map<String, Path> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, String> served = new LinkedHashMap<>();
        JsonNode listing = get("openapi/mount/external_listing");
        if (listing != null) {
            for (JsonNode folder : listing.path("message").path("folders")) {
                served.put(folder.path("name").asText(), folder.path("path").asText());
            }
        }
        List<String> missing = new ArrayList<>();
        for (var mount : wanted.entrySet()) {
            String real;
            try {
                real = mount.getValue().toRealPath().toString();
            } catch (IOException e) {
                real = mount.getValue().toAbsolutePath().normalize().toString();
            }
            if (!real.equals(served.get(mount.getKey()))) {
                missing.add(mount.getKey() + "=" + mount.getValue());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The local server of " + home.root() + " is already running (" + url
                    + ", started by another process) without the folder(s) " + String.join(", ", missing)
                    + "; it serves " + (served.isEmpty() ? "no extra folder" : served.toString())
                    + ". A running server keeps the folders it was started with. Stop that process and run again, "
                    + "start it with --mount NAME=PATH, or use another home (SPATIALX_HOME).");
        }
    }

    /** GET {@code route} of this server with its token; the parsed answer, or null when it cannot be read. */
    private JsonNode get(String route) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + route))
                    .header("SpatialX-Token", token).header("Content-Type", "application/json")
                    .method("GET", HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());
            return response.statusCode() == 200 && body.path("status").asInt(-1) == 0 ? body : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Serves the local folder {@code path} under {@code name} from now on, as {@code --mount} does at
     * start ({@code connector.folders} lists it); the same name and folder again changes nothing.
     *
     * @throws IllegalStateException    for a reused server: a server of another process keeps its folders
     * @throws IllegalArgumentException when {@code path} is no folder or the name serves another folder
     */
    public void mount(String name, Path path) {
        if (reused) {
            requireMounts(Map.of(name, path));
            return;
        }
        try {
            mounts.add(name, path);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot mount '" + name + "': " + path + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The domain to give a connector, e.g. {@code http://127.0.0.1:8765/} (ends with {@code /}). */
    public String url() {
        return url;
    }

    /** The {@code SpatialX-Token} clients must send. */
    public String token() {
        return token;
    }

    public Path home() {
        return home.root();
    }

    public int port() {
        return port;
    }

    /** True when this handle points at a server another process (or call) started. */
    public boolean reused() {
        return reused;
    }

    /**
     * A connector for this server ({@code SpatialXConnector(url(), token())}); the caller closes it.
     * The same connector code works against a real SpatialX.
     */
    public SpatialXConnector connector() {
        return new SpatialXConnector(url, token);
    }

    /** The job executor where ingestion and analysis jobs plug in; null for a reused server. */
    public JobExecutor jobs() {
        return jobs;
    }

    /** The named folders the server serves (name to local path); null for a reused server. */
    public Mounts mounts() {
        return mounts;
    }

    /** Stops the server (a reused one keeps running). */
    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // best effort: close the others
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalServer[url=" + url + ", home=" + home.root() + (reused ? ", reused" : "") + "]";
    }
}
