package org.spatialx.technologies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.StorageView;
import org.spatialx.formats.testing.ExampleData;

/**
 * Detection over a storage that can only list (what the server's directory/entities gives): the
 * same SampleData with server paths, and versions reported as unknown instead of failing.
 */
class RemoteListingTest {

    /** Serves listings of a real folder under a server-style path, without any file content. */
    private record ListingOnlyStorage(Path localRoot, String serverRoot, List<String> listed) implements StorageView {
        @Override
        public List<StorageEntry> list(String folder) {
            listed.add(folder);
            Path local = localRoot.resolve(folder.substring(serverRoot.length()).replaceFirst("^/", ""));
            if (!Files.isDirectory(local)) {
                return List.of();
            }
            try (Stream<Path> children = Files.list(local)) {
                return children.map(p -> Files.isDirectory(p)
                        ? StorageEntry.folder(p.getFileName().toString())
                        : StorageEntry.file(p.getFileName().toString(), p.toFile().length())).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String describe() {
            return "server listing";
        }
    }

    @Test
    void xeniumOverAListingHasServerPathsAndUnknownVersion() throws IOException {
        Path local = ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");
        String server = "/s3/bucket/runs/prostate";
        List<String> listed = new ArrayList<>();
        DetectionResult result = Detections.DETECTOR.detect("prostate", null,
                new ListingOnlyStorage(local, server, listed), server);
        DetectionReport report = result.best().orElseThrow();
        assertEquals("XENIUM", report.technology());
        assertEquals(SoftwareVersion.UNKNOWN_REMOTE, report.version().value());
        assertFalse(report.version().known());
        assertEquals("/s3/bucket/runs/prostate/experiment.xenium", result.sampleData().get(0).files().get(0).value());
        assertEquals(Files.size(local.resolve("transcripts.parquet")), report.element("transcripts").orElseThrow().size());
        // every folder is listed once although every technology looked at it
        assertEquals(listed.size(), listed.stream().distinct().count(), listed.toString());
        assertTrue(listed.contains(server));
    }
}
