package org.example.spatialx.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.ElementStatus;
import org.spatialx.api.technology.EntryKind;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.StorageView;

/**
 * The declaration and the version reader, with spatialx-api alone. That the built zip is found and
 * parses a sample folder is checked by installing it: spatialx plugins install, then spatialx parse.
 */
class ExampleTechnologyTest {

    private final ExampleTechnology technology = new ExampleTechnology();

    @TempDir
    Path sample;

    @Test
    void declaresUniquelyNamedElementsAndSendsTheRequiredOnes() {
        List<Element> elements = technology.elements();
        assertEquals(elements.size(), new HashSet<>(elements.stream().map(Element::name).toList()).size(),
                "element names are unique");
        assertTrue(elements.stream().anyMatch(e -> e.required() && e.sent()), "at least one required element is sent");
        assertTrue(technology.id().matches("[A-Z][A-Z0-9_]*"), "ids are upper case: " + technology.id());
    }

    @Test
    void readsTheSoftwareVersionFromTheRunSummary() throws IOException {
        Files.writeString(sample.resolve("run_summary.json"), "{\"spots\": 4992, \"software_version\": \"2.1.0\"}");
        SoftwareVersion version = technology.readVersion(context("run_summary.json"));
        assertEquals("2.1.0", version.value());
        assertEquals("run_summary.json software_version", version.source());
    }

    @Test
    void aRunSummaryWithoutVersionLeavesItUnknown() throws IOException {
        Files.writeString(sample.resolve("run_summary.json"), "{\"spots\": 4992}");
        assertFalse(technology.readVersion(context("run_summary.json")).known());
        assertFalse(technology.readVersion(context(null)).known());
    }

    /** What the host passes to readVersion: the sample folder on disk, run_summary.json found at {@code path}. */
    private DetectionContext context(String path) {
        Element summary = technology.elements().stream().filter(e -> e.name().equals("run_summary")).findFirst()
                .orElseThrow();
        ElementReport report = path == null
                ? new ElementReport(summary, ElementStatus.MISSING_OPTIONAL, "", null, 0, null, List.of(), List.of(), List.of())
                : new ElementReport(summary, ElementStatus.FOUND, path, EntryKind.FILE, 0,
                        summary.alternatives().get(0), List.of(), List.of(), List.of());
        StorageView disk = new StorageView() {
            @Override
            public List<StorageEntry> list(String folder) {
                return List.of(); // readVersion reads files it was told of; it lists nothing
            }

            @Override
            public Optional<byte[]> readHead(String file, int maxBytes) {
                try {
                    byte[] bytes = Files.readAllBytes(Path.of(file));
                    return Optional.of(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, maxBytes)));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        };
        return new DetectionContext() {
            @Override
            public StorageView storage() {
                return disk;
            }

            @Override
            public String dataPath() {
                return sample.toString();
            }

            @Override
            public List<ElementReport> elements() {
                return List.of(report);
            }
        };
    }
}
