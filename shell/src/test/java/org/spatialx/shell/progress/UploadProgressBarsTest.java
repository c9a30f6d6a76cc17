package org.spatialx.shell.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.upload.UploadBigFileOptions;
import org.spatialx.core.upload.UploadFolderOptions;
import org.spatialx.core.upload.UploadProgressListener;
import org.spatialx.core.upload.UploadSettings;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/** The shell's upload bars: drawn for debug_mode or on a terminal, from real uploads to the local server. */
class UploadProgressBarsTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    private boolean streamClosed;
    private final PrintStream err = new PrintStream(new FilterOutputStream(drawn) {
        @Override
        public void close() throws IOException {
            streamClosed = true;
            super.close();
        }
    }, true, StandardCharsets.UTF_8);

    private String lines() {
        return drawn.toString(StandardCharsets.UTF_8);
    }

    @Test
    void debugModeDrawsABarThatEndsFullAndLeavesTheStreamOpen() throws IOException {
        Path file = write("morphology.ome.tif", 5 << 20);
        try (LocalServer server = server(); SpatialXConnector connector = connect(server, false)) {
            connector.uploadBigFile(file.toString(), new UploadBigFileOptions(0, true, "", Map.of(), true, false));
        }
        String last = lastLine();
        assertTrue(last.startsWith("morphology.ome.tif 100% [===="), last);
        assertTrue(last.contains("====] 5/5MiB ("), last);
        assertTrue(lines().endsWith("\n"), "the finished bar keeps its line");
        assertEquals(79, last.length(), "one terminal line of 80 columns: " + last);
        assertFalse(streamClosed, "standard error stays open after an upload");
        err.println("still writable");
        assertFalse(err.checkError());
    }

    @Test
    void aFolderBarCountsEveryFileAndNamesTheOneBeingSent() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("run1"));
        write("run1/cells.parquet", 2 << 20);
        write("run1/transcripts.csv.gz", 3 << 20);
        try (LocalServer server = server(); SpatialXConnector connector = connect(server, false)) {
            connector.uploadFolder(folder.toString(), new UploadFolderOptions(0, true, "", null, false));
        }
        String last = lastLine();
        assertTrue(last.startsWith("run1 100% ["), last);
        assertTrue(last.contains("] 5/5MiB ("), last);
        assertTrue(last.endsWith(" transcripts.csv.gz"), last);
    }

    @Test
    void withoutDebugModeABarShowsOnlyOnATerminal() throws IOException {
        Path file = write("experiment.xenium", 2 << 20);
        try (LocalServer server = server()) {
            try (SpatialXConnector piped = connect(server, false)) {
                piped.uploadBigFile(file.toString());
            }
            assertEquals("", lines(), "no bar on a pipe without debug_mode");
            try (SpatialXConnector terminal = connect(server, true)) {
                terminal.uploadBigFile(file.toString());
            }
        }
        assertTrue(lastLine().startsWith("experiment.xenium 100% ["), lines());
    }

    @Test
    void bytesTakenBackForAResentChunkLowerTheBar() {
        UploadProgressListener bars = new UploadProgressBars(err, () -> false, 60);
        try (UploadProgressListener.Upload upload = bars.started("/data/big.tif", 4 << 20, true)) {
            upload.advanced(3 << 20);
            upload.advanced(-(2 << 20));
        }
        List<String> drawnLines = List.of(lines().split("[\r\n]+"));
        String last = drawnLines.get(drawnLines.size() - 1);
        java.util.regex.Matcher drawn = java.util.regex.Pattern.compile("big\\.tif  25% \\[(=*>?)( *)\\] 1/4MiB.*")
                .matcher(last);
        assertTrue(drawn.matches(), last);
        int filled = drawn.group(1).length();
        int barWidth = filled + drawn.group(2).length();
        assertEquals(barWidth / 4, filled, "a quarter of the bar is filled: " + last);
        // the rate ("?" or "110.3MiB/s") depends on timing; on 60 columns it is left out rather than wrap
        assertTrue(last.length() < 60, "fits the 60 columns: " + last);
    }

    private String lastLine() {
        String[] drawnLines = lines().split("[\r\n]+");
        return drawnLines[drawnLines.length - 1];
    }

    private LocalServer server() {
        return LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t"));
    }

    private SpatialXConnector connect(LocalServer server, boolean onTerminal) {
        return new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .uploads(UploadSettings.defaults().withResumeDirectory(temp.resolve("resume")))
                .uploadProgress(new UploadProgressBars(err, () -> onTerminal, 80))
                .build());
    }

    private Path write(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve(name), bytes);
    }
}
