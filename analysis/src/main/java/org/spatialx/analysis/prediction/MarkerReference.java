package org.spatialx.analysis.prediction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bundled marker-gene reference of {@code metadata_reference}: cell types of the Human Reference
 * Atlas's ASCT+B tables (HuBMAP, CC BY 4.0; provenance and changes in {@code NOTICE.md} next to
 * {@code hra-markers.tsv}) with their marker genes, each filed under a major type (T cell, Myeloid
 * cell, Epithelial cell, ...).
 *
 * <p>Gene symbols are matched to the data's gene names without regard to case, so the human symbols
 * also find their mouse counterparts where the mouse gene has the same symbol (CD3E and Cd3e), which is
 * the case for most of these markers; a mouse gene named otherwise (LYZ and Lyz2) is not matched.
 *
 * @param types the cell types, each with its markers in upper case
 */
record MarkerReference(List<CellType> types) {

    static final String RESOURCE = "hra-markers.tsv";

    /** A cell type, its major type and its marker genes (upper case). */
    record CellType(String name, String major, List<String> markers) {
    }

    /** The bundled reference. */
    static MarkerReference bundled() {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        Map<String, String> majors = new LinkedHashMap<>();
        try (InputStream in = MarkerReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The bundled marker reference " + RESOURCE + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] fields = line.split("\t", -1);
                String name = fields[0];
                majors.put(name, fields[1]);
                Set<String> markers = types.computeIfAbsent(name, key -> new LinkedHashSet<>());
                for (String gene : fields[3].split(",")) {
                    if (!gene.isBlank()) {
                        markers.add(gene.trim().toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CellType> list = new ArrayList<>();
        types.forEach((name, markers) -> list.add(new CellType(name, majors.get(name), List.copyOf(markers))));
        return new MarkerReference(List.copyOf(list));
    }
}
