package org.spatialx.technologies.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.spatialx.api.SampleData;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.StorageView;
import org.spatialx.api.technology.Technology;
import org.spatialx.technologies.TechnologyCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-side {@code parse_data_information}: detects a data folder with the technologies of a
 * {@link TechnologyCatalog}. Registered for {@link java.util.ServiceLoader}; the no-argument
 * constructor loads the built-ins and the plugins of the default plugins folder.
 */
public final class DefaultSampleDataDetector implements org.spatialx.api.detection.SampleDataDetector {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSampleDataDetector.class);

    private final TechnologyCatalog catalog;

    /** A detector over the built-ins and the plugins of {@link TechnologyCatalog#defaultPluginsFolder()}. */
    public DefaultSampleDataDetector() {
        this(TechnologyCatalog.load(TechnologyCatalog.defaultPluginsFolder()));
    }

    /** A detector over {@code catalog}'s technologies. */
    public DefaultSampleDataDetector(TechnologyCatalog catalog) {
        this.catalog = catalog;
    }

    /** The catalog in use (for listing technologies and plugin problems). */
    public TechnologyCatalog catalog() {
        return catalog;
    }

    @Override
    public List<String> technologies() {
        return catalog.technologies().stream().map(Technology::id).toList();
    }

    @Override
    public DetectionResult detect(String dataName, String technology, StorageView storage, String dataPath) {
        StorageView cached = CachingStorageView.over(storage);
        if (technology != null && !technology.isBlank()) {
            Technology chosen = catalog.require(technology);
            DetectionReport report;
            try {
                report = LayoutDetector.report(chosen, cached, dataPath);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Technology " + chosen.id() + " (" + catalog.origin(chosen.id())
                        + ") failed on " + dataPath + ": " + e, e);
            }
            List<SampleData> data = report.complete()
                    ? List.of(LayoutDetector.sampleData(dataName, chosen, report, cached))
                    : List.of();
            return new DetectionResult(data, List.of(report));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Technology each : catalog.technologies()) {
            DetectionReport report;
            try {
                report = LayoutDetector.report(each, cached, dataPath);
            } catch (RuntimeException e) {
                // a plugin's technology that throws must not hide what the others found
                LOG.warn("Technology {} ({}) failed on {}: {}", each.id(), catalog.origin(each.id()), dataPath, e.toString());
                continue;
            }
            if (report.foundCount() > 0) {
                candidates.add(new Candidate(each, report, foundPaths(report, false), foundPaths(report, true)));
            }
        }
        List<Candidate> ranked = rank(candidates);
        List<DetectionReport> reports = ranked.stream().map(Candidate::reportWithSubsumption).toList();
        List<SampleData> data = ranked.stream()
                .filter(c -> c.report.complete() && c.subsumedBy == null)
                .findFirst()
                .map(c -> List.of(LayoutDetector.sampleData(dataName, c.technology, c.report, cached)))
                .orElse(List.of());
        return new DetectionResult(data, reports);
    }

    /**
     * Orders candidates: a technology whose found files are all part of a larger match of another
     * technology (an OME-TIFF inside a Xenium folder) goes after it; then complete before partial,
     * more elements found first, and elements found by earlier (preferred) alternatives first.
     */
    private static List<Candidate> rank(List<Candidate> candidates) {
        for (Candidate candidate : candidates) {
            for (Candidate other : candidates) {
                if (other != candidate && other.paths.size() > candidate.paths.size()
                        && other.seen.containsAll(candidate.paths)) {
                    candidate.subsumedBy = other.technology.id();
                    break;
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparing((Candidate c) -> c.subsumedBy != null)
                .thenComparing(c -> !c.report.complete())
                .thenComparing(c -> -c.report.foundCount())
                .thenComparing(c -> -preference(c)));
        return ranked;
    }

    private static double preference(Candidate candidate) {
        double score = 0;
        for (ElementReport element : candidate.report.elements()) {
            if (element.found()) {
                score += 1.0 / (1 + element.element().alternatives().indexOf(element.alternative()));
            }
        }
        return score;
    }

    private static Set<String> foundPaths(DetectionReport report, boolean withAlsoPresent) {
        Set<String> paths = new HashSet<>();
        for (ElementReport element : report.elements()) {
            if (element.found()) {
                paths.add(element.path());
                if (withAlsoPresent) {
                    paths.addAll(element.alsoPresent());
                }
            }
        }
        return paths;
    }

    private static final class Candidate {
        private final Technology technology;
        private final DetectionReport report;
        private final Set<String> paths;
        private final Set<String> seen;
        private String subsumedBy;

        Candidate(Technology technology, DetectionReport report, Set<String> paths, Set<String> seen) {
            this.technology = technology;
            this.report = report;
            this.paths = paths;
            this.seen = seen;
        }

        DetectionReport reportWithSubsumption() {
            if (subsumedBy == null) {
                return report;
            }
            List<String> warnings = new ArrayList<>(report.warnings());
            warnings.add("its files are part of the " + subsumedBy + " layout found here");
            return new DetectionReport(report.technology(), report.dataPath(), report.elements(), report.version(),
                    warnings, subsumedBy);
        }
    }
}
