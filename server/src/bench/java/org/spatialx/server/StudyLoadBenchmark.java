package org.spatialx.server;

import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The local server as its study catalog grows (BENCHMARKS.md, "Studies at scale"): for each catalog size
 * ({@code -Dspatialx.bench.studies=1000,100000}) a fresh home is seeded with that many studies (one SQL
 * transaction beside the running server), then
 * after an untimed warm-up ({@code -Dspatialx.bench.warmupSeconds}, 15 s on 1 000 studies):
 * <ul>
 *   <li>{@code study/list} with limit 50, one client, idle server: median and 95th percentile of 300 calls;</li>
 *   <li>mixed load: {@code -Dspatialx.bench.clients} (50) clients for {@code -Dspatialx.bench.loadSeconds} (60) s,
 *       each request one of study/list 40 %, study/detail of a random study 30 %, account/info 10 %,
 *       study/create 10 %, sample/create on its own study 10 %: requests/s, latency percentiles, errors, and
 *       lost records (acknowledged creates missing from the catalog afterwards).</li>
 * </ul>
 * Only {@code LocalServer.start}, HTTP and plain SQL inserts are used, so the same class also measures an
 * earlier build of the server (put this class first on that build's class path). Run with the server's other
 * benchmarks: {@code ./mvnw -B verify -Pbench -DskipTests -pl server -am}.
 */
public final class StudyLoadBenchmark {

    private StudyLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("spatialx.bench.clients", 50);
        int seconds = Integer.getInteger("spatialx.bench.loadSeconds", 60);
        List<Integer> sizes = Arrays.stream(System.getProperty("spatialx.bench.studies", "1000,100000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        System.out.printf(Locale.ROOT, "Machine: %d cores, JDK %s, load average %.1f at the start; %d clients, %d s"
                        + " per size.%n%n", Runtime.getRuntime().availableProcessors(), Runtime.version(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), clients,
                seconds);
        warmUp(clients, Integer.getInteger("spatialx.bench.warmupSeconds", 15));
        System.out.println("| studies | study/list limit 50, idle: median / p95 | mixed load: requests/s | "
                + "latency median / p95 / max | errors | lost records | load average |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int size : sizes) {
            try (BenchmarkFolder folder = BenchmarkFolder.create("spatialx-study-load");
                 LocalServer server = LocalServer.start(LocalServerConfig.defaults()
                         .withHome(folder.path().resolve("home")).withToken("bench"))) {
                ProtocolClient client = new ProtocolClient(server);
                String group = ServerFixture.personalGroup(client);
                List<String> ids = seed(server.home(), group, size);
                long seededListed = ids.stream().filter(id -> listedByDefault(Integer.parseInt(id.substring(7))))
                        .count();
                double[] idle = listLatencies(client, group, 300);
                Load load = mixedLoad(server, group, ids, clients, seconds);
                long listed = client.postForm("openapi/study/list", map("group_id", group, "species", "human",
                        "limit", 1)).ok().get("total").asLong();
                long lost = seededListed + load.created.sum() - listed;
                System.out.printf(Locale.ROOT, "| %,d | %.1f / %.1f ms | %.0f | %.1f / %.1f / %.0f ms | %d | %d | %.1f |%n",
                        size, idle[0], idle[1], load.requests.sum() / (double) seconds, load.percentile(0.5),
                        load.percentile(0.95), load.percentile(1.0), load.errors.sum(), lost,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    /** An untimed run on 1 000 studies, so that the first size measured is not the one that warms the JIT up. */
    private static void warmUp(int clients, int seconds) throws Exception {
        try (BenchmarkFolder folder = BenchmarkFolder.create("spatialx-study-warmup");
             LocalServer server = LocalServer.start(LocalServerConfig.defaults()
                     .withHome(folder.path().resolve("home")).withToken("bench"))) {
            ProtocolClient client = new ProtocolClient(server);
            String group = ServerFixture.personalGroup(client);
            List<String> ids = seed(server.home(), group, 1_000);
            listLatencies(client, group, 300);
            mixedLoad(server, group, ids, clients, seconds);
        }
    }

    /** Inserts {@code count} studies of the group in one transaction, through a connection of its own. */
    private static List<String> seed(Path home, String group, int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("spatialx.db"))) {
            c.createStatement().execute("PRAGMA busy_timeout=30000");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO studies(study_id, group_id, species,"
                    + " title, description, type, status, email_id, data_path, created_at, updated_at)"
                    + " VALUES (?,?,?,?,'',1,?,'bench@localhost',?,?,?)")) {
                long start = System.currentTimeMillis() / 1000 - count;
                for (int i = 0; i < count; i++) {
                    String id = String.format(Locale.ROOT, "ST-SEED%08d", i);
                    insert.setString(1, id);
                    insert.setString(2, group);
                    insert.setString(3, i % 10 == 9 ? "mouse" : "human");
                    insert.setString(4, "Seeded study " + i);
                    insert.setInt(5, i % 50 == 49 ? 3 : 1); // a few deleted ones: listedByDefault says which count
                    insert.setString(6, home.resolve("studies").resolve(id).toString());
                    insert.setLong(7, start + i);
                    insert.setLong(8, start + i);
                    insert.addBatch();
                    ids.add(id);
                }
                insert.executeBatch();
            }
            c.commit();
        }
        return ids;
    }

    /** True when study/list's default filter (human, status at most 2) counts seeded study {@code i}. */
    private static boolean listedByDefault(int i) {
        return i % 10 != 9 && i % 50 != 49;
    }

    private static double[] listLatencies(ProtocolClient client, String group, int calls) {
        for (int i = 0; i < 50; i++) { // warm-up
            client.postForm("openapi/study/list", map("group_id", group, "species", "human", "limit", 50)).ok();
        }
        double[] millis = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            JsonNode page = client.postForm("openapi/study/list", map("group_id", group, "species", "human",
                    "limit", 50, "offset", 0)).ok();
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (page.get("list").size() == 0 && page.get("total").asLong() > 0) {
                throw new IllegalStateException("an empty page of " + page.get("total") + " studies");
            }
        }
        Arrays.sort(millis);
        return new double[] {millis[calls / 2], millis[(int) (calls * 0.95)]};
    }

    /** What the mixed load did. */
    private static final class Load {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder created = new LongAdder();
        final Map<Long, AtomicLong> latencyHistogram = new ConcurrentHashMap<>(); // by 0.1 ms

        void record(long nanos) {
            latencyHistogram.computeIfAbsent(nanos / 100_000, k -> new AtomicLong()).incrementAndGet();
        }

        double percentile(double p) {
            long total = latencyHistogram.values().stream().mapToLong(AtomicLong::get).sum();
            long seen = 0;
            for (long bucket : latencyHistogram.keySet().stream().sorted().toList()) {
                seen += latencyHistogram.get(bucket).get();
                if (seen >= Math.ceil(total * p)) {
                    return bucket / 10.0;
                }
            }
            return 0;
        }
    }

    private static Load mixedLoad(LocalServer server, String group, List<String> ids, int clients, int seconds)
            throws Exception {
        Load load = new Load();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int n = 0; n < clients; n++) {
            int clientNumber = n;
            futures.add(pool.submit(() -> {
                ProtocolClient client = new ProtocolClient(server);
                String own = client.postJson("openapi/study/create", map("group_id", group, "species", "human",
                        "title", "client " + clientNumber, "type", 1)).ok().get("study_id").asText();
                load.created.increment();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    int pick = random.nextInt(100);
                    long start = System.nanoTime();
                    ProtocolClient.Response response;
                    if (pick < 40) {
                        response = client.postForm("openapi/study/list", map("group_id", group, "species", "human",
                                "limit", 50, "offset", random.nextInt(4) * 50));
                    } else if (pick < 70) {
                        response = client.get("openapi/study/detail", map("key", ids.get(random.nextInt(ids.size()))));
                    } else if (pick < 80) {
                        response = client.get("openapi/account/info");
                    } else if (pick < 90) {
                        response = client.postJson("openapi/study/create", map("group_id", group, "species", "human",
                                "title", "load " + clientNumber, "type", 1));
                    } else {
                        response = client.postJson("openapi/sample/create", map("study_id", own, "name", "s",
                                "data", List.of()));
                    }
                    load.record(System.nanoTime() - start);
                    load.requests.increment();
                    if (response.code() != 200 || response.status() != 0) {
                        load.errors.increment();
                    } else if (pick >= 80 && pick < 90) {
                        load.created.increment();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return load;
    }
}
