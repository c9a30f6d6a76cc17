package org.spatialx.server;

import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the local server on loopback: requests/s of {@code account/info} and MB/s of a 1 GiB
 * chunked upload, sequential as Python sends it and with parallel chunks (local extension). Run with the
 * server's other benchmarks by {@code ./mvnw -B verify -Pbench -DskipTests -pl server -am} (BENCHMARKS.md);
 * prints a Markdown section.
 */
public final class LocalServerBenchmark {

    private static final long GIB = 1L << 30;
    private static final int CHUNK = 100 << 20;

    public static void main(String[] args) throws Exception {
        try (BenchmarkFolder folder = BenchmarkFolder.create("spatialx-bench");
             LocalServer server = LocalServer.start(LocalServerConfig.defaults()
                     .withHome(folder.path().resolve("home")).withToken("bench"))) {
            ProtocolClient client = new ProtocolClient(server);
            StringBuilder report = new StringBuilder();
            report.append("## Local server\n\n");
            report.append(String.format(Locale.ROOT, "Machine: %d cores, JDK %s, loopback, JDK HttpServer, "
                    + "home in %s, load average %.1f.%n%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), folder.path().getParent(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            report.append("| measure | result |\n|---|---|\n");
            for (int threads : new int[] {1, 8}) {
                double rps = requestsPerSecond(client, threads, 5_000);
                report.append(String.format(Locale.ROOT, "| `GET openapi/account/info`, %d client thread%s | %.0f requests/s |%n",
                        threads, threads == 1 ? "" : "s", rps));
            }
            Path file = bigFile(folder.path().resolve("big.bin"));
            double sequential = upload(client, file, 1);
            report.append(String.format(Locale.ROOT, "| 1 GiB upload, 100 MiB chunks sent one by one (protocol 3.4) | %.0f MB/s |%n",
                    sequential));
            double parallel = upload(client, file, 4);
            report.append(String.format(Locale.ROOT, "| 1 GiB upload, 100 MiB chunks, 4 in parallel (extension) | %.0f MB/s |%n",
                    parallel));
            report.append("\nMB/s counts 10^6 bytes per second from the first chunk request to the merge answer "
                    + "(the merge re-reads the parts and computes SHA-256). The 2 cores are shared by client and "
                    + "server.\n");
            System.out.println(report);
        }
    }

    private static double requestsPerSecond(ProtocolClient client, int threads, int total) throws Exception {
        for (int i = 0; i < 500; i++) { // warm-up
            client.get("openapi/account/info").ok();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong left = new AtomicLong(total);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                ProtocolClient own = new ProtocolClient(client.domain(), client.token());
                while (left.getAndDecrement() > 0) {
                    own.get("openapi/account/info").ok();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private static Path bigFile(Path file) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < GIB; written += block.length) {
                block[0] = (byte) written; // no two blocks alike
                out.write(block);
            }
        }
        return file;
    }

    private static double upload(ProtocolClient client, Path file, int parallel) throws Exception {
        long size = Files.size(file);
        int total = (int) ((size + CHUNK - 1) / CHUNK);
        String name = "big-" + parallel + ".bin";
        long start = System.nanoTime();
        JsonNode session = client.postJson("openapi/upload/chunk/start", map("folder_name", "bench",
                "parent_is_file", 2)).ok();
        String id = session.get("unique_id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                byte[] block = new byte[(int) Math.min(CHUNK, size - (long) index * CHUNK)];
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    raf.seek((long) index * CHUNK);
                    raf.readFully(block);
                }
                client.postMultipart("openapi/upload/chunk/process", map("folder_name", "bench", "parent_is_file", 2,
                        "chunk_size", CHUNK, "file_size", size, "offset", Math.min(size, (long) (index + 1) * CHUNK),
                        "name", name, "unique_id", id, "path", session.get("root_folder").asText(),
                        "sending_index", index), "file", block).ok();
                return null;
            }));
            if (parallel == 1) {
                futures.get(futures.size() - 1).get();
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        JsonNode merged = client.postJson("openapi/upload/chunk/merge", map("folder_name", "bench", "parent_is_file", 2,
                "total", total, "name", name, "unique_id", id, "path", session.get("root_folder").asText(),
                "move_to_parent", true)).ok();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (merged.get("size").asLong() != size) {
            throw new IllegalStateException("merged size " + merged.get("size") + " != " + size);
        }
        Files.delete(Path.of(merged.get("path").asText()));
        return size / 1e6 / seconds;
    }
}
