package org.spatialx.api.technology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The per-element report of one technology over one data folder: what was found where, what is
 * missing, the software version, and warnings.
 *
 * @param technology the technology's id, e.g. {@code XENIUM}
 * @param dataPath   the data folder, as given
 * @param elements   one report per declared element, in declaration order
 * @param version    the detected software version
 * @param warnings   technology-level warnings (several bin sizes, positions in mm, ...)
 * @param partOf     when every file found is also part of a larger match of another technology
 *                   (an OME-TIFF inside a Xenium folder), that technology's id; empty otherwise
 */
public record DetectionReport(String technology, String dataPath, List<ElementReport> elements,
        SoftwareVersion version, List<String> warnings, String partOf) {

    /** Copies the lists. */
    public DetectionReport {
        Objects.requireNonNull(technology, "technology");
        elements = List.copyOf(elements);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(version, "version");
        partOf = partOf == null ? "" : partOf;
    }

    /** A report that is not part of another technology's layout. */
    public DetectionReport(String technology, String dataPath, List<ElementReport> elements, SoftwareVersion version,
            List<String> warnings) {
        this(technology, dataPath, elements, version, warnings, "");
    }

    /** Whether every required element was found: the data can be submitted as this technology. */
    public boolean complete() {
        return elements.stream().noneMatch(e -> e.status() == ElementStatus.MISSING_REQUIRED);
    }

    /** The required elements that are missing. */
    public List<ElementReport> missingRequired() {
        return elements.stream().filter(e -> e.status() == ElementStatus.MISSING_REQUIRED).toList();
    }

    /** How many elements were found. */
    public int foundCount() {
        return (int) elements.stream().filter(ElementReport::found).count();
    }

    /** How many required elements were found. */
    public int requiredFoundCount() {
        return (int) elements.stream().filter(e -> e.found() && e.element().required()).count();
    }

    /** The report of the element called {@code name}. */
    public Optional<ElementReport> element(String name) {
        return elements.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * A message naming every missing required element and where it was looked for, e.g.
     * {@code Missing 'transcripts' for XENIUM in /data/run1: looked for transcripts.csv.gz, transcripts.parquet};
     * empty when complete.
     */
    public String problem() {
        return missingRequired().stream()
                .map(e -> "Missing '" + e.name() + "' for " + technology + " in " + dataPath + ": looked for "
                        + String.join(", ", e.lookedFor()))
                .collect(Collectors.joining("; "));
    }
}
