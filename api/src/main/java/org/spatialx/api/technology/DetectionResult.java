package org.spatialx.api.technology;

import java.util.List;
import org.spatialx.api.SampleData;
import java.util.Optional;

/**
 * The outcome of {@link org.spatialx.api.detection.SampleDataDetector#detect}: the SampleData to submit (protocol 4.1) and the
 * reports behind it.
 *
 * @param sampleData the SampleData of the chosen technology (one element, like the server's parse);
 *                   empty when no technology has all its required elements
 * @param reports    with a technology given, its report alone; otherwise one report per candidate
 *                   technology (at least one element found), complete ones first, best first
 */
public record DetectionResult(List<SampleData> sampleData, List<DetectionReport> reports) {

    /** Copies the lists. */
    public DetectionResult {
        sampleData = List.copyOf(sampleData);
        reports = List.copyOf(reports);
    }

    /** The report of the chosen technology: the first one (empty when nothing matched at all). */
    public Optional<DetectionReport> best() {
        return reports.stream().findFirst();
    }

    /** Whether a technology matched with all its required elements. */
    public boolean complete() {
        return !sampleData.isEmpty();
    }

    /**
     * The technologies whose required elements are all present, best first, leaving out those whose
     * files are only part of another technology's layout.
     */
    public List<String> matchingTechnologies() {
        return reports.stream().filter(r -> r.complete() && r.partOf().isEmpty())
                .map(DetectionReport::technology).toList();
    }

    /**
     * The SampleData list, or a {@link DetectionException} naming what is missing and where it was
     * looked for.
     */
    public List<SampleData> requireSampleData() {
        if (complete()) {
            return sampleData;
        }
        String message = best().map(DetectionReport::problem)
                .orElse("No known technology matches; run 'spatialx parse PATH' to see what was looked for");
        throw new DetectionException(message, reports);
    }
}
