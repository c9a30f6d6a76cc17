package org.spatialx.formats.spatialdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.zarr.ZarrException;

class PointsWriterTest {

    @TempDir
    Path dir;

    static List<Transcript> xeniumToy() {
        return ExampleData.xeniumTranscripts(ExampleData.bundled(
                "xenium/SFE_toy_Xenium_XOA1x_human_526cells/transcripts.parquet"));
    }

    static Map<String, List<Transcript>> byGene(List<Transcript> transcripts) {
        Map<String, List<Transcript>> genes = new LinkedHashMap<>();
        for (Transcript t : transcripts) {
            genes.computeIfAbsent(t.gene(), g -> new ArrayList<>()).add(t);
        }
        return genes;
    }

    @Test
    void writesOnePartPerGeneThatReadsBackInInputOrder() {
        List<Transcript> input = xeniumToy();
        assertTrue(input.size() > 1000, "toy set has " + input.size() + " transcripts");
        Path element = dir.resolve("points/PT-1");
        // small runs and row groups: several spills and row groups even on the toy set
        PointsWriter.Options options = new PointsWriter.Options(0.2125, 997, 300, "micrometer");
        PointsWriter.Summary summary = new PointsWriter(options).write(element, input.iterator());

        Map<String, List<Transcript>> expected = byGene(input);
        assertEquals(input.size(), summary.transcripts());
        assertEquals(expected.keySet().stream().sorted().toList(), summary.genes());
        assertTrue(summary.hasZ(), "Xenium transcripts have z");

        PointsReader read = PointsReader.open(element);
        assertEquals(summary.genes(), read.genes());
        assertEquals(expected.size(), read.partCount());
        assertEquals(0.2125, read.mpp().orElseThrow());
        for (String gene : read.genes()) {
            List<Transcript> back = new ArrayList<>();
            read.forEach(gene, back::add);
            assertEquals(expected.get(gene), back, gene);
            assertEquals(expected.get(gene).size(), read.count(gene), gene);
        }
        // divisions continue the row index across parts: part i starts where part i-1 ended
        long start = 0;
        for (int i = 0; i < read.partCount(); i++) {
            assertEquals(start, read.attributes().get("divisions").get(i).asLong());
            start += expected.get(read.genes().get(i)).size();
        }
        assertEquals(input.size() - 1, read.attributes().get("divisions").get(read.partCount()).asLong());
        assertEquals("0.1", read.attributes().path("spatialdata_attrs").path("version").asText());
    }

    @Test
    void writesTwoDimensionalPointsWithoutAZColumn() {
        List<Transcript> input = List.of(new Transcript("B", 1, 2, Double.NaN, "c1"),
                new Transcript("A", 3, 4, Double.NaN, ""), new Transcript("B", 5, 6, Double.NaN, "c2"));
        Path element = dir.resolve("p");
        PointsWriter.Summary summary = new PointsWriter(PointsWriter.Options.defaults()).write(element, input.iterator());
        assertFalse(summary.hasZ());
        PointsReader read = PointsReader.open(element);
        assertEquals(List.of("A", "B"), read.genes());
        List<Transcript> back = new ArrayList<>();
        read.forEach(back::add);
        assertEquals(List.of(input.get(1), input.get(0), input.get(2)), back);
        assertEquals(List.of("x", "y"), List.of(read.attributes().get("axes").get(0).asText(),
                read.attributes().get("axes").get(1).asText()));
    }

    @Test
    void aFailingInputLeavesNothingBehind() {
        List<Transcript> input = xeniumToy();
        Iterator<Transcript> failing = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Transcript next() {
                if (++n == 2500) {
                    throw new IllegalStateException("transcripts.csv.gz: unexpected end of gzip stream");
                }
                return input.get(n % input.size());
            }
        };
        Path element = dir.resolve("points/PT-2");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PointsWriter(PointsWriter.Options.defaults().withSpillRows(1000)).write(element, failing));
        assertTrue(e.getMessage().contains("unexpected end"), e.getMessage());
        assertFalse(Files.exists(element));
        try (Stream<Path> left = Files.list(element.getParent())) {
            assertEquals(List.of(), left.toList(), "no temporary folder or run file left");
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }

    @Test
    void refusesAnExistingElementAndNamesMissingGenes() {
        Path element = dir.resolve("p");
        new PointsWriter(PointsWriter.Options.defaults()).write(element,
                List.of(new Transcript("ACTB", 1, 2, Double.NaN, "c")).iterator());
        assertThrows(ZarrException.class, () -> new PointsWriter(PointsWriter.Options.defaults()).write(element,
                List.<Transcript>of().iterator()));
        ZarrException e = assertThrows(ZarrException.class, () -> PointsReader.open(element).forEach("GAPDH", t -> { }));
        assertTrue(e.getMessage().contains("No gene 'GAPDH'") && e.getMessage().contains("ACTB"), e.getMessage());
    }
}
