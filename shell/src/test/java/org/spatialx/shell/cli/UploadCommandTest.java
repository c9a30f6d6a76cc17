package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;
import org.spatialx.shell.script.SpatialxHome;

/**
 * {@code spatialx upload}: files and folders to a real local server over loopback, arriving whole with
 * their SHA-256; bad paths refused before anything is sent; a wrong token said as such.
 */
class UploadCommandTest {

    static final int MIB = 1 << 20;

    @TempDir
    Path temp;
    LocalServer server;

    @BeforeEach
    void start() {
        System.setProperty(SpatialxHome.PROPERTY, temp.resolve("client-home").toString());
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("server-home")).withToken("tok"));
    }

    @AfterEach
    void stop() {
        server.close();
        System.clearProperty(SpatialxHome.PROPERTY);
    }

    static RunCommandTest.Outcome upload(String... args) {
        return RunCommandTest.run(Stream.concat(Stream.of("upload"), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void filesAndFoldersArriveWithTheirSha256() throws IOException {
        Path big = randomFile(temp.resolve("local/morphology.ome.tif"), 5L * MIB + 123); // chunked
        Path small = randomFile(temp.resolve("local/experiment.xenium"), 2000);           // upload/simple
        Path run = temp.resolve("local/run1");
        randomFile(run.resolve("cells.csv"), 3000);
        randomFile(run.resolve("analysis/umap.bin"), 2L * MIB + 5);

        RunCommandTest.Outcome outcome = upload("--domain", server.url(), "--token", "tok", "--folder", "lab",
                big.toString(), small.toString(), run.toString());

        assertEquals(0, outcome.exit(), outcome.out() + outcome.err());
        Path root = server.mounts().upload().root().resolve("lab");
        assertEquals(sha256(big), sha256(root.resolve("morphology.ome.tif")));
        assertEquals(sha256(small), sha256(root.resolve("experiment.xenium")));
        assertEquals(sha256(run.resolve("cells.csv")), sha256(root.resolve("run1/cells.csv")));
        assertEquals(sha256(run.resolve("analysis/umap.bin")), sha256(root.resolve("run1/analysis/umap.bin")));
        String[] lines = outcome.out().split("\n");
        assertEquals(3, lines.length, outcome.out());
        assertTrue(lines[0].startsWith(big + " -> "), lines[0]);
        // the local server advertises the extensions: the client checked the server's SHA-256 of the whole file
        assertTrue(lines[0].endsWith("SHA-256 " + sha256(big) + " verified)"), lines[0]);
        assertTrue(lines[2].startsWith(run + " -> "), lines[2]);
        assertFalse(outcome.out().contains("tok"), "the token never shows");
    }

    @Test
    void aMissingPathStopsBeforeAnythingIsSent() throws IOException {
        Path present = randomFile(temp.resolve("local/present.bin"), 3000);
        Path missing = temp.resolve("local/missing.bin");

        RunCommandTest.Outcome outcome = upload("--domain", server.url(), "--token", "tok", present.toString(), missing.toString());

        assertEquals(2, outcome.exit(), outcome.err());
        assertTrue(outcome.err().contains("no such file or folder: " + missing), outcome.err());
        assertFalse(Files.exists(server.mounts().upload().root().resolve("present.bin")), "nothing was sent");
    }

    @Test
    void aWrongTokenIsAClearErrorAndNeverPrinted() throws IOException {
        Path file = randomFile(temp.resolve("local/file.bin"), 2L * MIB);

        RunCommandTest.Outcome outcome = upload("--domain", server.url(), "--token", "not-the-token-1234", file.toString());

        assertEquals(1, outcome.exit(), outcome.out() + outcome.err());
        assertTrue(outcome.err().startsWith("spatialx upload: "), outcome.err());
        assertFalse(outcome.err().contains("not-the-token-1234"), outcome.err());
        assertFalse(Files.exists(server.mounts().upload().root().resolve("file.bin")));
    }

    @Test
    void aDomainWithoutATokenIsRefused() throws IOException {
        Path file = randomFile(temp.resolve("local/file.bin"), 10);

        RunCommandTest.Outcome outcome = upload("--domain", server.url(), "--token", "", file.toString());

        assertEquals(2, outcome.exit());
        assertTrue(outcome.err().contains("--domain needs a token"), outcome.err());
    }

    static Path randomFile(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return Files.write(file, bytes);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
