package org.spatialx.api.technology;

import java.util.List;
import java.util.Objects;

/**
 * What detection found for one element.
 *
 * @param element     the element looked for
 * @param status      found, missing-but-optional or missing-required
 * @param path        path relative to the data folder of what was found; empty when missing
 * @param kind        file or folder found; {@code null} when missing
 * @param size        size in bytes of a found file (0 for a folder or when unknown)
 * @param alternative the alternative that matched; {@code null} when missing
 * @param lookedFor   every pattern tried, in order (relative to the data folder)
 * @param alsoPresent paths of other present alternatives, not used (e.g. {@code transcripts.parquet})
 * @param warnings    e.g. {@code also present: transcripts.parquet}
 */
public record ElementReport(Element element, ElementStatus status, String path, EntryKind kind, long size,
        Alternative alternative, List<String> lookedFor, List<String> alsoPresent, List<String> warnings) {

    /** Copies lists and normalises a null path to empty. */
    public ElementReport {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(status, "status");
        path = path == null ? "" : path;
        lookedFor = List.copyOf(lookedFor);
        alsoPresent = List.copyOf(alsoPresent);
        warnings = List.copyOf(warnings);
    }

    /** Whether the element was found. */
    public boolean found() {
        return status == ElementStatus.FOUND;
    }

    /** The element's logical name. */
    public String name() {
        return element.name();
    }
}
