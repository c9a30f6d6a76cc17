package org.spatialx.formats.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.csv.CsvFile;

/**
 * Reads a GeoMx DSP NGS readout: one {@code .dcc} file per AOI (its {@code <Code_Summary>} lists
 * probe RTS id and count) and the probe kit configurations ({@code .pkc} JSON, loose or zipped)
 * that name each probe's target gene. The matrix is AOIs x probes, in PKC order; gene names are the
 * probes' targets (several probes may share one). Probes missing from the PKCs keep their RTS id as name.
 */
public final class GeomxCounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeomxCounts() {
    }

    /** Reads every {@code .dcc} of {@code dccFolder} (name order) with the PKCs in {@code pkcFiles} ({@code .pkc} or {@code .zip}). */
    public static ExpressionMatrix read(Path dccFolder, List<Path> pkcFiles) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Path pkc : pkcFiles) {
            readPkc(pkc, targets);
        }
        List<Path> dccs;
        try (Stream<Path> files = Files.list(dccFolder)) {
            dccs = files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".dcc"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dccFolder + ": " + e.getMessage(), e);
        }
        if (dccs.isEmpty()) {
            throw new IllegalArgumentException(dccFolder + " holds no .dcc file");
        }
        Map<String, Integer> column = new LinkedHashMap<>();
        for (String probe : targets.keySet()) {
            column.put(probe, column.size());
        }
        List<String> aois = new ArrayList<>();
        SparseBuilder builder = new SparseBuilder();
        for (Path dcc : dccs) {
            int row = aois.size();
            String name = dcc.getFileName().toString();
            aois.add(name.substring(0, name.length() - 4));
            try (CsvFile file = CsvFile.open(dcc)) {
                boolean inSummary = false;
                for (List<String> line = file.next(); line != null; line = file.next()) {
                    String first = line.get(0).trim();
                    if (first.equals("<Code_Summary>")) {
                        inSummary = true;
                    } else if (first.equals("</Code_Summary>")) {
                        inSummary = false;
                    } else if (inSummary && line.size() >= 2) {
                        Integer at = column.computeIfAbsent(first, probe -> column.size());
                        builder.add(row, at, file.number(line, 1, "count"));
                    }
                }
            }
        }
        List<String> probes = new ArrayList<>(column.keySet());
        List<String> names = probes.stream().map(p -> targets.getOrDefault(p, p)).toList();
        SparseBuilder.Csr csr = builder.build(aois.size());
        return new ExpressionMatrix(aois, probes, names, csr.indptr(), csr.indices(), csr.values());
    }

    private static void readPkc(Path file, Map<String, String> targets) {
        try {
            if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
                    List<String> names = new ArrayList<>();
                    Map<String, byte[]> contents = new LinkedHashMap<>();
                    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                        if (!entry.isDirectory() && entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".pkc")) {
                            names.add(entry.getName());
                            contents.put(entry.getName(), zip.readAllBytes());
                        }
                    }
                    names.sort(null);
                    for (String name : names) {
                        addTargets(JSON.readTree(contents.get(name)), file + "!" + name, targets);
                    }
                }
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    addTargets(JSON.readTree(in), file.toString(), targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read probe kit " + file + ": " + e.getMessage(), e);
        }
    }

    private static void addTargets(JsonNode pkc, String source, Map<String, String> targets) {
        JsonNode list = pkc.path("Targets");
        if (!list.isArray()) {
            throw new IllegalArgumentException(source + " has no Targets array: not a GeoMx PKC file");
        }
        for (JsonNode target : list) {
            String gene = target.path("DisplayName").asText();
            for (JsonNode probe : target.path("Probes")) {
                String id = probe.path("RTS_ID").asText("");
                if (!id.isEmpty()) {
                    targets.putIfAbsent(id, gene);
                }
            }
        }
    }
}
