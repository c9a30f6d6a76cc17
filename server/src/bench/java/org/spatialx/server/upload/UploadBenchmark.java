package org.spatialx.server.upload;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.upload.UploadBigFileOptions;
import org.spatialx.core.upload.UploadSettings;
import org.spatialx.server.BenchmarkFolder;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * Upload throughput on loopback (BENCHMARKS.md, "Uploads"): the connector in wire-exact sequential
 * mode and in parallel mode, {@code curl -F file=@...} to the same local server's
 * {@code upload/simple} (its own receive path), and {@code curl --data-binary @file} to a sink that
 * discards the body (the loopback HTTP limit). The server and every client run in their own JVM, so
 * the client's peak heap beyond idle is its own. Files are generated in {@code -Dspatialx.bench.dir}
 * (default: the temporary folder) and deleted after.
 *
 * <p>Run with the server's other benchmarks: {@code ./mvnw -B verify -Pbench -DskipTests -pl server -am
 * -Dupload.bench.sizes=1024,4096} (sizes in MiB, default 1024). Every connector mode runs twice: in a fresh
 * client JVM (one upload: what a one-shot CLI call costs, class loading and JIT warm-up included) and in a warm
 * client JVM (one untimed upload, then {@code upload.bench.warmRuns} timed ones, default 2: the throughput to
 * compare with curl, a native process that starts in milliseconds). Options: {@code -Dupload.bench.modes=WIRE_EXACT:1,AUTO:2}
 * (connector modes and chunks in flight; default all five), {@code -Dupload.bench.warmRuns=2},
 * {@code -Dupload.bench.serverJvm="-XX:StartFlightRecording=filename=/tmp/s.jfr"} (extra JVM options of the
 * server, e.g. to profile it).
 */
public final class UploadBenchmark {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String CLASSPATH = System.getProperty("java.class.path");

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(Path.of(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("client")) {
            client(args[1], args[2], UploadSettings.Mode.valueOf(args[3]), Integer.parseInt(args[4]), Path.of(args[5]),
                    Integer.parseInt(args[6]));
            return;
        }
        List<Long> sizes = new ArrayList<>();
        for (String arg : args) {
            for (String size : arg.split(",")) { // -Dupload.bench.sizes=1024,4096 arrives as one argument
                sizes.add(Long.parseLong(size.trim()));
            }
        }
        if (sizes.isEmpty()) {
            sizes.add(1024L);
        }
        try (BenchmarkFolder work = BenchmarkFolder.create("spatialx-upload-bench")) {
            run(work.path(), sizes);
        }
    }

    private static void run(Path work, List<Long> sizesMiB) throws Exception {
        Path home = work.resolve("home");
        List<String> serverCommand = new ArrayList<>(List.of(JAVA, "-Xmx512m"));
        String serverJvmArgs = System.getProperty("upload.bench.serverJvm", "").trim();
        if (!serverJvmArgs.isEmpty()) {
            serverCommand.addAll(List.of(serverJvmArgs.split("\\s+"))); // e.g. -XX:StartFlightRecording=...
        }
        serverCommand.addAll(List.of("-cp", CLASSPATH, UploadBenchmark.class.getName(), "serve", home.toString()));
        Process server = new ProcessBuilder(serverCommand).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String line = serverOut.readLine();
        while (line != null && !line.startsWith("http")) { // log lines of the server's start-up
            line = serverOut.readLine();
        }
        if (line == null) {
            throw new IllegalStateException("the benchmark's server did not start");
        }
        String[] urlToken = line.split(" ");
        String url = urlToken[0];
        String token = urlToken[1];
        HttpServer sink = sink();
        String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort() + "/sink";
        Path upload = home.resolve("Upload");
        System.out.printf(Locale.ROOT, "| file | mode | MB/s | seconds | client heap beyond idle (peak) |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|%n");
        try {
            for (long mib : sizesMiB) {
                Path file = work.resolve("bench-" + mib + "MiB.bin");
                generate(file, mib << 20);
                long bytes = Files.size(file);
                long hashStart = System.nanoTime();
                sha256(file);
                report(mib, "SHA-256 of the file alone (client CPU)", bytes, System.nanoTime() - hashStart, "");
                int warmRuns = Integer.getInteger("upload.bench.warmRuns", 2);
                for (String[] mode : modes()) {
                    String label = mode[0].equals("WIRE_EXACT") ? "connector, wire-exact sequential"
                            : "connector, parallel " + mode[1] + " chunk" + (mode[1].equals("1") ? "" : "s")
                            + " + resume + SHA-256";
                    // fresh JVM: what one CLI call costs (JVM start-up excluded, class loading and JIT included)
                    runClient(url, token, mode, file, 0, mib, label + ", fresh JVM", bytes);
                    clean(upload);
                    // warm JVM: one untimed upload first, then the timed ones (the throughput comparison with curl)
                    if (warmRuns > 0) {
                        runClient(url, token, mode, file, warmRuns, mib, label + ", warm JVM", bytes);
                        clean(upload);
                    }
                }
                long nanos = curl("curl", "-sS", "-o", "/dev/null", "-H", "SpatialX-Token: " + token,
                        "-F", "folder_name=", "-F", "unique_id=", "-F", "is_chunk=False",
                        "-F", "file=@" + file, url + "openapi/upload/simple");
                report(mib, "curl -F file=@ to upload/simple (server receive path)", bytes, nanos, "n/a");
                clean(upload);
                // curl --data-binary @file reads the whole file into memory (it fails on 1 GiB here);
                // -T streams the same bytes as the request body.
                nanos = curl("curl", "-sS", "-o", "/dev/null", "-X", "POST", "-T", file.toString(), "-H",
                        "Content-Type: application/octet-stream", sinkUrl);
                report(mib, "curl -X POST -T file (streamed --data-binary) to a discarding sink (loopback limit)",
                        bytes, nanos, "n/a");
                Files.delete(file);
            }
        } finally {
            sink.stop(0);
            server.destroy();
            server.waitFor();
        }
    }

    /** Runs a client JVM ({@code warmRuns} timed uploads after an untimed one, or one fresh upload) and reports. */
    private static void runClient(String url, String token, String[] mode, Path file, int warmRuns, long mib,
                                  String label, long bytes) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(JAVA, "-Xmx96m", "-cp", CLASSPATH,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.org.spatialx.core.upload.FileUpload=debug",
                UploadBenchmark.class.getName(), "client", url, token, mode[0], mode[1], file.toString(),
                Integer.toString(warmRuns))
                .redirectErrorStream(true).start();
        String result = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (client.waitFor() != 0) {
            throw new IllegalStateException("client failed: " + result);
        }
        List<String> merges = result.lines().filter(l -> l.contains("Merge of")).toList();
        List<String> results = result.lines().filter(l -> l.startsWith("RESULT ")).toList();
        int firstTimed = warmRuns > 0 ? 1 : 0; // the warm-up upload's merge line comes first
        for (int k = 0; k < results.size(); k++) {
            String[] parts = results.get(k).split(" ");
            String merge = firstTimed + k < merges.size() ? merges.get(firstTimed + k) : "";
            String run = warmRuns > 0 ? " (run " + (k + 1) + " of " + warmRuns + ")" : "";
            report(mib, label + run + (merge.isEmpty() ? "" : " (merge " + merge.substring(merge.indexOf("took ") + 5)
                    + ")"), bytes, Long.parseLong(parts[1]), String.format(Locale.ROOT,
                    "%.1f MiB (idle %.1f MiB, -Xmx96m)",
                    Long.parseLong(parts[2]) / 1048576.0, Long.parseLong(parts[3]) / 1048576.0));
        }
    }

    /** The connector modes to run: {@code -Dupload.bench.modes=WIRE_EXACT:1,AUTO:2} (default: all five). */
    private static List<String[]> modes() {
        String modes = System.getProperty("upload.bench.modes", "WIRE_EXACT:1,AUTO:1,AUTO:2,AUTO:4,AUTO:8");
        List<String[]> out = new ArrayList<>();
        for (String mode : modes.split(",")) {
            out.add(mode.trim().split(":"));
        }
        return out;
    }

    private static void report(long mib, String mode, long bytes, long nanos, String heap) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "| %d MiB | %s | %.0f | %.1f | %s |%n", mib, mode, bytes / seconds / 1e6, seconds,
                heap);
    }

    private static long curl(String... command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (curl.waitFor() != 0) {
            throw new IllegalStateException("curl failed: " + out);
        }
        return System.nanoTime() - start;
    }

    /** The local server in this JVM, until killed; prints its URL and token. */
    private static void serve(Path home) throws InterruptedException {
        LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("bench-token"));
        System.out.println(server.url() + " " + server.token());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Uploads in this JVM. {@code warmRuns} 0: one upload (a fresh JVM). Else one untimed upload to warm the JVM
     * up (class loading, JIT), then {@code warmRuns} timed ones, each to its own server folder. Prints
     * {@code RESULT <nanos> <peak heap beyond idle> <idle heap>} per timed upload; each uploaded file is deleted
     * on the server (same machine) after its upload, outside the timing.
     */
    private static void client(String url, String token, UploadSettings.Mode mode, int parallel, Path file,
                               int warmRuns) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (SpatialXConnector connector = new SpatialXConnector(url, token, ConnectorOptions.builder()
                .readTimeout(Duration.ofMinutes(10))
                .uploads(UploadSettings.defaults().withMode(mode).withParallelChunks(parallel)
                        .withResumeDirectory(file.resolveSibling("resume")))
                .build())) {
            connector.uploader().capabilities();
            if (warmRuns > 0) {
                uploadOnce(connector, file, "warmup");
            }
            for (int run = 1; run <= Math.max(1, warmRuns); run++) {
                System.gc();
                Thread.sleep(200);
                long idle = memory.getHeapMemoryUsage().getUsed();
                AtomicLong peak = new AtomicLong(idle);
                var sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "heap-sampler");
                    t.setDaemon(true);
                    return t;
                });
                sampler.scheduleAtFixedRate(() -> {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                }, 0, 5, java.util.concurrent.TimeUnit.MILLISECONDS);
                long start = System.nanoTime();
                Path uploaded = uploadOnce(connector, file, warmRuns > 0 ? "warm-" + run : "");
                long nanos = System.nanoTime() - start;
                sampler.shutdownNow();
                System.out.println("RESULT " + nanos + " " + (peak.get() - idle) + " " + idle);
                Files.deleteIfExists(uploaded);
            }
        }
    }

    /** One {@code upload_big_file} into {@code folder}; the uploaded file's server path (checked for its size). */
    private static Path uploadOnce(SpatialXConnector connector, Path file, String folder) throws IOException {
        Map<String, Object> answer = connector.uploadBigFile(file.toString(),
                new UploadBigFileOptions(0, false, folder, Map.of(), true, false));
        if (!Long.valueOf(Files.size(file)).equals(((Number) answer.get("size")).longValue())) {
            throw new IllegalStateException("size mismatch: " + answer);
        }
        Path uploaded = Path.of((String) answer.get("path"));
        if (folder.equals("warmup")) {
            Files.deleteIfExists(uploaded);
        }
        return uploaded;
    }

    /** A loopback HTTP server that reads and discards request bodies. */
    private static HttpServer sink() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/sink", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sink");
            t.setDaemon(true); // lets the benchmark's JVM exit
            return t;
        }));
        server.start();
        return server;
    }

    private static void generate(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block);
        ByteBuffer buffer = ByteBuffer.wrap(block);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += block.length) {
                buffer.putLong(0, written); // every block differs
                buffer.clear().limit((int) Math.min(block.length, size - written));
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
    }

    private static void sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel in = FileChannel.open(file)) {
            while (in.read(buffer.clear()) >= 0) {
                digest.update(buffer.flip());
            }
        }
        digest.digest();
    }

    private static void clean(Path upload) throws IOException {
        if (Files.isDirectory(upload)) {
            try (Stream<Path> files = Files.list(upload)) {
                for (Path file : files.toList()) {
                    BenchmarkFolder.delete(file);
                }
            }
        }
    }
}
