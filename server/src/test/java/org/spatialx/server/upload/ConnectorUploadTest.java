package org.spatialx.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.upload.UploadFolderOptions;
import org.spatialx.core.upload.UploadSettings;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/** The connector's uploads against the local server over loopback, wire-exact and extended. */
class ConnectorUploadTest {

    static final int MIB = 1 << 20;
    static final long[] SIZES = {0, 1, MIB - 1, MIB, MIB + 1, 15L * MIB, 40L * MIB};

    @TempDir
    Path temp;
    LocalServer server;

    @BeforeEach
    void start() {
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("tok"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = UploadSettings.Mode.class, names = {"WIRE_EXACT", "AUTO"})
    void everySizeArrivesWithTheSameSha256(UploadSettings.Mode mode) throws IOException {
        try (SpatialXConnector connector = connect(server.url(), mode)) {
            for (long size : SIZES) {
                Path local = randomFile(temp.resolve("local/file-" + size + ".bin"), size);
                Map<String, Object> answer = connector.uploadBigFile(local.toString());
                Path stored = Path.of((String) answer.get("path"));
                assertEquals(uploadRoot().resolve("file-" + size + ".bin").toRealPath(), stored.toRealPath());
                assertEquals(size, Files.size(stored), "size " + size);
                assertEquals(sha256(local), sha256(stored), "size " + size);
                if (mode == UploadSettings.Mode.AUTO) {
                    assertEquals(sha256(local), answer.get("sha256"), "the server confirms the SHA-256");
                }
            }
            assertNoStagingLeft();
            assertEquals(List.of(), resumeRecords(), "finished uploads leave no resume record");
        }
    }

    @ParameterizedTest
    @EnumSource(value = UploadSettings.Mode.class, names = {"WIRE_EXACT", "AUTO"})
    void nestedFolderArrivesWholeAtFolderFinish(UploadSettings.Mode mode) throws IOException {
        Path top = temp.resolve("local/run1");
        randomFile(top.resolve("morphology.ome.tif"), 3L * MIB + 17);
        randomFile(top.resolve("cells.csv"), 1000);
        randomFile(top.resolve("analysis/clustering/clusters.csv"), 5000);
        randomFile(top.resolve("analysis/umap/projection.bin"), 2L * MIB);
        randomFile(top.resolve("empty.txt"), 0);
        Files.createDirectories(top.resolve("analysis/empty-dir"));
        Files.createSymbolicLink(top.resolve("link.csv"), top.resolve("cells.csv"));
        try (SpatialXConnector connector = connect(server.url(), mode)) {
            Map<String, Object> answer = connector.uploadFolder(top.toString(),
                    new UploadFolderOptions(MIB, false, "project", null, false));

            Path stored = uploadRoot().resolve("project/run1");
            assertEquals(stored.toRealPath(), Path.of((String) answer.get("path")).toRealPath());
            Map<String, String> expected = digests(top);
            expected.remove("link.csv"); // symbolic links inside a folder are skipped
            assertEquals(expected, digests(stored));
            assertNoStagingLeft();
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    Path uploadRoot() {
        return server.mounts().upload().root();
    }

    SpatialXConnector connect(String url, UploadSettings.Mode mode) {
        return new SpatialXConnector(url, server.token(), ConnectorOptions.builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(60)).maxConnectRetries(0)
                .uploads(UploadSettings.defaults().withMode(mode).withResumeDirectory(temp.resolve("resume"))
                        .withRetries(1, Duration.ZERO))
                .build());
    }

    List<Path> resumeRecords() throws IOException {
        Path dir = temp.resolve("resume");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    void assertNoStagingLeft() throws IOException {
        Path sessions = server.home().resolve("upload-sessions");
        if (Files.isDirectory(sessions)) {
            try (Stream<Path> left = Files.walk(sessions)) {
                assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "staging left behind");
            }
        }
    }

    static Path randomFile(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(size * 31 + file.getFileName().hashCode());
        byte[] block = new byte[MIB];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p)).toList()) {
                out.put(root.relativize(file).toString(), Files.isSymbolicLink(file) ? "link" : sha256(file));
            }
        }
        assertFalse(out.isEmpty());
        assertTrue(out.values().stream().noneMatch(String::isEmpty));
        return out;
    }
}
