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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.SampleData;
import org.spatialx.api.Technologies;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SubmitOptions;
import org.spatialx.core.tracking.TrackingListener;
import org.spatialx.core.tracking.TrackingOutcome;
import org.spatialx.core.upload.UploadBigFileOptions;
import org.spatialx.core.upload.UploadFolderOptions;
import org.spatialx.core.upload.UploadProgressListener;
import org.spatialx.core.upload.UploadSettings;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;
import org.spatialx.shell.progress.ProgressReporter.Style;
import org.spatialx.shell.runtime.Invocation;

/**
 * The shell's progress rule, from real uploads and tracked submissions to the local server: a bar
 * or live line on a terminal, plain lines elsewhere (one per upload, and with debug_mode one at the
 * start, per folder file and every few seconds; each line of a tracked log).
 */
class ProgressReporterTest {

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

    private String output() {
        return drawn.toString(StandardCharsets.UTF_8);
    }

    /**
     * The command's terminal and width decide, not the process's: in the warm runtime they are the
     * client's ({@link Invocation}), a bar as wide as its {@code COLUMNS} on a terminal, lines elsewhere.
     */
    @Test
    void theCommandsTerminalAndColumnsDecideHowProgressShows() {
        try (Invocation.Scope terminal = Invocation.use(new Invocation(temp, Map.of("COLUMNS", "40"), true))) {
            ProgressReporter reporter = ProgressReporter.on(err);
            assertEquals(Style.BAR, reporter.style());
            try (UploadProgressListener.Upload upload = reporter.started("data.bin", 1000, false)) {
                upload.advanced(500);
            }
            String bar = output();
            assertTrue(bar.contains("\r"), bar);
            for (String line : bar.split("[\r\n]")) {
                assertTrue(line.length() < 40, "fits the client's 40 columns: '" + line + "'");
            }
        }
        try (Invocation.Scope pipe = Invocation.use(new Invocation(temp, Map.of("COLUMNS", "40"), false))) {
            assertEquals(Style.LINES, ProgressReporter.on(err).style());
        }
    }

    @Test
    void onATerminalABarEndsFullAndLeavesTheStreamOpen() throws IOException {
        Path file = write("morphology.ome.tif", 5 << 20);
        try (LocalServer server = server(); SpatialXConnector connector = connect(server, Style.BAR)) {
            connector.uploadBigFile(file.toString(), new UploadBigFileOptions(0, false, "", Map.of(), true, false));
        }
        String last = lastLine();
        assertTrue(last.startsWith("morphology.ome.tif 100% [===="), last);
        assertTrue(last.contains("====] 5.0/5.0 MiB ("), last);
        assertTrue(output().endsWith("\n"), "the finished bar keeps its line");
        assertEquals(79, last.length(), "one terminal line of 80 columns: " + last);
        assertFalse(streamClosed, "standard error stays open after an upload");
        err.println("still writable");
        assertFalse(err.checkError());
    }

    @Test
    void aSmallFileShowsItsSizeInKibibytes() throws IOException {
        Path file = write("experiment.xenium", 2048);
        try (LocalServer server = server(); SpatialXConnector connector = connect(server, Style.BAR)) {
            connector.uploadFile(file.toString());
        }
        assertTrue(lastLine().contains("] 2.0/2.0 KiB ("), lastLine());
    }

    @Test
    void aFolderBarCountsEveryFileAndNamesTheOneBeingSent() throws IOException {
        uploadFolderOfTwoFiles(Style.BAR, false);
        String last = lastLine();
        assertTrue(last.startsWith("run1 100% ["), last);
        assertTrue(last.contains("] 5.0/5.0 MiB ("), last);
        assertTrue(last.endsWith(" transcripts.csv.gz"), last);
    }

    @Test
    void offATerminalEachUploadEndsWithOneLine() throws IOException {
        Path file = write("experiment.xenium", 2 << 20);
        try (LocalServer server = server(); SpatialXConnector connector = connect(server, Style.LINES)) {
            connector.uploadBigFile(file.toString());
        }
        List<String> lines = output().lines().toList();
        assertEquals(1, lines.size(), output());
        assertTrue(lines.get(0).matches("Uploaded " + Pattern.quote(file.toString())
                + " \\(2\\.0 MiB\\) in \\d+\\.\\d s, [\\d.]+ [KMG]?i?B/s -> .*/experiment\\.xenium"), lines.get(0));
        assertFalse(output().contains("\r"), "no bar drawn into a file");
    }

    @Test
    void offATerminalDebugModeAddsAStartLineAndOneLinePerFileOfAFolder() throws IOException {
        Path folder = uploadFolderOfTwoFiles(Style.LINES, true);
        List<String> lines = output().lines().filter(line -> !line.contains("MiB (")).toList(); // timed lines aside
        assertEquals(List.of("Uploading " + folder + " (5.0 MiB)", folder + ": sending cells.parquet",
                folder + ": sending transcripts.csv.gz"), lines.subList(0, 3), output());
        assertTrue(lines.get(3).startsWith("Uploaded " + folder + " (5.0 MiB) in "), output());
        assertTrue(lines.get(3).contains(" -> 2 files to "), output());
        assertEquals(4, lines.size(), output());
    }

    @Test
    void offATerminalDebugModeReportsARunningUploadEveryInterval() throws InterruptedException {
        UploadProgressListener lines = new ProgressReporter(err, Style.LINES, 80, Duration.ofMillis(20));
        try (UploadProgressListener.Upload upload = lines.started("/data/big.tif", 4 << 20, true)) {
            upload.advanced(1 << 20);
            Thread.sleep(300);
            upload.finished("/srv/big.tif");
        }
        List<String> printed = output().lines().toList();
        assertEquals("Uploading /data/big.tif (4.0 MiB)", printed.get(0));
        assertTrue(printed.size() >= 3, "a line at least every 20 ms for 300 ms: " + printed);
        // a tick may come before the first bytes (0.0/4.0 MiB): look for one after them
        assertTrue(printed.stream().anyMatch(line -> line.matches(
                "/data/big\\.tif: 1\\.0/4\\.0 MiB \\(25%\\), [\\d.]+ [KM]iB/s, \\d:\\d\\d:\\d\\d left")), printed.toString());
        assertTrue(printed.get(printed.size() - 1).startsWith("Uploaded /data/big.tif (4.0 MiB) in "), printed.toString());
    }

    @Test
    void offATerminalAFailedUploadSaysWhereItStopped() {
        UploadProgressListener lines = new ProgressReporter(err, Style.LINES, 80, Duration.ofSeconds(5));
        try (UploadProgressListener.Upload upload = lines.started("/data/big.tif", 4 << 20, false)) {
            upload.advanced(3 << 20);
        }
        assertEquals("Upload of /data/big.tif stopped after 3.0/4.0 MiB\n", output());
    }

    @Test
    void bytesTakenBackForAResentChunkLowerTheBar() {
        UploadProgressListener bars = new ProgressReporter(err, Style.BAR, 60, Duration.ofSeconds(5));
        try (UploadProgressListener.Upload upload = bars.started("/data/big.tif", 4 << 20, true)) {
            upload.advanced(3 << 20);
            upload.advanced(-(2 << 20));
        }
        String last = lastLine();
        Matcher bar = Pattern.compile("big\\.tif  25% \\[(=*>?)( *)\\] 1\\.0/4\\.0 MiB.*").matcher(last);
        assertTrue(bar.matches(), last);
        int filled = bar.group(1).length();
        int barWidth = filled + bar.group(2).length();
        assertEquals(barWidth / 4, filled, "a quarter of the bar is filled: " + last);
        // the rate ("? B/s" or "110.3 MiB/s") depends on timing; on 60 columns it is left out rather than wrap
        assertTrue(last.length() < 60, "fits the 60 columns: " + last);
    }

    @Test
    void onATerminalACallWaitingForItsAnswerShowsALineThatItsAnswerClears() {
        ProgressReporter reporter = new ProgressReporter(err, Style.BAR, 80, Duration.ofSeconds(5));
        reporter.waiting("POST study/create", Duration.ofSeconds(2));
        assertEquals("", output(), "nothing for the first seconds");
        reporter.waiting("POST study/create", Duration.ofSeconds(6));
        reporter.waiting("POST study/create", Duration.ofSeconds(7));
        assertEquals("\rwaiting for the server's answer to POST study/create: 6 s (Ctrl-C cancels)"
                + "\rwaiting for the server's answer to POST study/create: 7 s (Ctrl-C cancels)", output());
        reporter.answered("POST study/create", Duration.ofSeconds(7));
        assertTrue(output().endsWith("\r" + " ".repeat(79) + "\r"), "the line is cleared: " + output());
    }

    @Test
    void offATerminalACallWaitingForItsAnswerPrintsALineEveryHalfMinute() {
        ProgressReporter reporter = new ProgressReporter(err, Style.LINES, 80, Duration.ofSeconds(5));
        for (int seconds = 1; seconds <= 65; seconds++) {
            reporter.waiting("GET study/list", Duration.ofSeconds(seconds));
        }
        reporter.answered("GET study/list", Duration.ofSeconds(66));
        reporter.answered("GET account/info", Duration.ofSeconds(2)); // never told to be waiting: silent
        assertEquals("""
                still waiting for the server's answer to GET study/list (30 s)
                still waiting for the server's answer to GET study/list (60 s)
                GET study/list answered after 66 s
                """, output());
    }

    @Test
    void noWaitingLineIsDrawnOverAnUploadBar() {
        ProgressReporter reporter = new ProgressReporter(err, Style.BAR, 80, Duration.ofSeconds(5));
        try (UploadProgressListener.Upload upload = reporter.started("/data/big.tif", 100, false)) {
            upload.advanced(100);
            reporter.waiting("POST upload/chunk/merge", Duration.ofSeconds(9));
            assertFalse(output().contains("waiting"), output());
        }
        reporter.waiting("POST upload/chunk/merge", Duration.ofSeconds(10));
        assertTrue(output().endsWith("\rwaiting for the server's answer to POST upload/chunk/merge: 10 s"),
                output());
    }

    @Test
    void onATerminalATrackedSubmissionIsOneLiveLineThatEndsInOneLineThatStays() {
        List<String> printed = submitVisiumTracked(Style.BAR);
        assertEquals(List.of(), printed, "the log's lines are not printed one by one on a terminal");
        String drawn = output();
        assertTrue(drawn.contains("\rSB-"), "a live line named after the submission: " + drawn);
        assertTrue(drawn.contains(" 0:00:00 Submission SB-"), "the time spent and the latest log line: " + drawn);
        assertTrue(drawn.contains(" Wrote the table TB-"), "redrawn at each step: " + drawn);
        assertTrue(lastLine().matches("SB-[^ ]+: done in 0:0\\d:\\d\\d \\(\\d+ log lines\\)"), lastLine());
        assertTrue(drawn.endsWith("\n"), "the summary keeps its line");
        for (String line : drawn.split("\r")) {
            assertTrue(line.strip().length() < 80, "never wider than the terminal: " + line);
        }
    }

    @Test
    void offATerminalATrackedSubmissionPrintsEachLogLineWhereTheConnectorPrints() {
        List<String> printed = submitVisiumTracked(Style.LINES);
        assertTrue(printed.get(0).contains("] Submission SB-"), printed.toString());
        assertTrue(printed.stream().anyMatch(line -> line.contains("] Wrote the table TB-")), printed.toString());
        assertEquals("DONE.", printed.get(printed.size() - 1));
        assertEquals("", output(), "nothing drawn on the progress stream");
    }

    @Test
    void onATerminalAFailedJobLeavesTheServersLastLine() {
        ProgressReporter reporter = new ProgressReporter(err, Style.BAR, 80, Duration.ofSeconds(5));
        TrackingListener.Tracking tracking = reporter.started("/home/studies/ST-1/submit/SU-9/submission.log",
                line -> { throw new AssertionError("printed: " + line); });
        tracking.line("[2026-12-05 03:18:35] Submission SU-9 of 'Run' (VISIUM, 1 file)");
        assertEquals("SU-9 0:00:00 Submission SU-9 of 'Run' (VISIUM, 1 file)", lastLine().strip(),
                "the step without its time stamp: " + output());
        tracking.line("FAILED: matrix: filtered_feature_bc_matrix.h5: not an HDF5 file (job stopped, ...)");
        tracking.finished(TrackingOutcome.RETRY_LIMIT_REACHED);
        assertEquals("SU-9: failed after 0:00:00: FAILED: matrix: filtered_feature_bc_matrix.h5: "
                + "not an HDF5 file (job stopped, ...)", lastLine());
        reporter.waiting("GET study/detail", Duration.ofSeconds(6));
        assertTrue(output().endsWith("\rwaiting for the server's answer to GET study/detail: 6 s (Ctrl-C cancels)"),
                "the live line is gone, so a waiting line may show: " + output());
    }

    @Test
    void sizesReadInBinaryUnits() {
        assertEquals("512 B", ByteSize.format(512));
        assertEquals("2.0 KiB", ByteSize.format(2048));
        assertEquals("1.5 MiB", ByteSize.format(3 << 19));
        assertEquals("0.5/2.0 KiB", ByteSize.fraction(512, 2048));
        assertEquals("0/0 B", ByteSize.fraction(0, 0));
        assertEquals("? B/s", ByteSize.perSecond(0, 1));
        assertEquals("1.0 MiB/s", ByteSize.perSecond(2 << 20, 2));
    }

    /** Uploads run1/ (cells.parquet 2 MiB, transcripts.csv.gz 3 MiB) to a local server; returns the folder. */
    private Path uploadFolderOfTwoFiles(Style style, boolean debugMode) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("run1"));
        write("run1/cells.parquet", 2 << 20);
        write("run1/transcripts.csv.gz", 3 << 20);
        try (LocalServer server = server(); SpatialXConnector connector = connect(server, style)) {
            connector.uploadFolder(folder.toString(), new UploadFolderOptions(0, debugMode, "", null, false));
        }
        return folder;
    }

    /**
     * Parses the bundled Visium subset on a local server and submits it with {@code tracking=True},
     * progress drawn in {@code style}; returns the lines the connector printed ({@code trackingOutput}).
     */
    private List<String> submitVisiumTracked(Style style) {
        Path visium = Path.of("..", "examples", "data", "visium", "V1_Adult_Mouse_Brain_Coronal_Section_1_subset50")
                .toAbsolutePath().normalize();
        List<String> printed = new CopyOnWriteArrayList<>();
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home"))
                .withToken("t").withMount("data", visium.getParent()));
             SpatialXConnector connector = new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                     .trackingOutput(printed::add).logPollInterval(Duration.ofMillis(50))
                     .trackingProgress(new ProgressReporter(err, style, 80, Duration.ofSeconds(5))).build())) {
            List<SampleData> data = connector.parseDataInformation("Visium", Technologies.VISIUM.value(),
                    visium.toString());
            connector.submit("Personal workspace", "human", "Tracked", "Sample 1", data, new SubmitOptions("", true, 120));
        }
        return printed;
    }

    private String lastLine() {
        String[] drawnLines = output().split("[\r\n]+");
        return drawnLines[drawnLines.length - 1];
    }

    private LocalServer server() {
        return LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t"));
    }

    private SpatialXConnector connect(LocalServer server, Style style) {
        return new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .uploads(UploadSettings.defaults().withResumeDirectory(temp.resolve("resume")))
                .uploadProgress(new ProgressReporter(err, style, 80, Duration.ofSeconds(5)))
                .build());
    }

    private Path write(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve(name), bytes);
    }
}
