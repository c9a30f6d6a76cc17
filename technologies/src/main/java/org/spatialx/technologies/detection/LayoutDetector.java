package org.spatialx.technologies.detection;

import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.technology.Alternative;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.ElementStatus;
import org.spatialx.api.technology.EntryKind;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.StorageView;
import org.spatialx.api.technology.Technology;

/**
 * Runs one {@link Technology}'s element declarations over one data folder: the first present
 * alternative of each element wins, later present ones become "also present" warnings.
 */
public final class LayoutDetector {

    private LayoutDetector() {
    }

    /** The report of {@code technology} over {@code dataPath}; a throwing technology becomes warnings, never an exception. */
    public static DetectionReport report(Technology technology, StorageView view, String dataPath) {
        CachingStorageView storage = CachingStorageView.over(view);
        List<ElementReport> elements = new ArrayList<>();
        for (Element element : technology.elements()) {
            elements.add(findElement(technology, element, storage, dataPath));
        }
        List<String> warnings = new ArrayList<>();
        DetectionContext context = new Context(storage, dataPath, elements);
        SoftwareVersion version;
        if (!storage.canReadContent()) {
            version = new SoftwareVersion(SoftwareVersion.UNKNOWN_REMOTE, "file content cannot be read over " + storage.describe());
        } else {
            try {
                version = technology.readVersion(context);
            } catch (RuntimeException e) {
                version = SoftwareVersion.unknown("version reader failed");
                warnings.add("could not read the software version: " + e);
            }
        }
        if (!version.known()) {
            warnings.add("software version unknown: " + version.source());
        }
        try {
            warnings.addAll(technology.warnings(context));
        } catch (RuntimeException e) {
            warnings.add("layout checks failed: " + e);
        }
        return new DetectionReport(technology.id(), dataPath, elements, version, warnings);
    }

    /** The SampleData of a complete report (protocol 4.1): found sent elements in declaration order. */
    public static SampleData sampleData(String dataName, Technology technology, DetectionReport report,
            StorageView storage) {
        List<KeyValue> files = new ArrayList<>();
        List<KeyValue> folders = new ArrayList<>();
        for (ElementReport element : report.elements()) {
            if (!element.found() || !element.element().sent()) {
                continue;
            }
            KeyValue pair = new KeyValue(element.element().wireKey().orElseThrow(), storage.join(report.dataPath(), element.path()));
            (element.kind() == EntryKind.FOLDER ? folders : files).add(pair);
        }
        return new SampleData(dataName, technology.submissionType().value(), technology.wireTechnology(), files, folders,
                technology.args(), List.of(), List.of());
    }

    private static ElementReport findElement(Technology technology, Element element, CachingStorageView storage,
            String dataPath) {
        List<String> lookedFor = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> alsoPresent = new ArrayList<>();
        PathPattern.Match chosen = null;
        Alternative chosenAlternative = null;
        for (Alternative alternative : element.alternatives()) {
            for (String root : technology.roots()) {
                String pattern = root.isEmpty() ? alternative.pattern() : root + "/" + alternative.pattern();
                String shown = alternative.kind() == EntryKind.FOLDER ? pattern + "/" : pattern;
                lookedFor.add(shown);
                List<PathPattern.Match> matches = new PathPattern(pattern, alternative.regex(), alternative.kind())
                        .find(storage, dataPath);
                if (matches.isEmpty()) {
                    continue;
                }
                if (chosen == null) {
                    chosen = matches.get(0);
                    chosenAlternative = alternative;
                    if (matches.size() > 1) {
                        matches.subList(1, matches.size()).forEach(m -> alsoPresent.add(m.relativePath()));
                        warnings.add(matches.size() + " entries match " + shown + "; using " + chosen.relativePath()
                                + " (others: " + String.join(", ",
                                        matches.subList(1, Math.min(matches.size(), 4)).stream()
                                                .map(PathPattern.Match::relativePath).toList())
                                + (matches.size() > 4 ? ", ..." : "") + ")");
                    }
                } else {
                    for (PathPattern.Match other : matches) {
                        if (!other.relativePath().equals(chosen.relativePath())
                                && !alsoPresent.contains(other.relativePath())) {
                            alsoPresent.add(other.relativePath());
                            warnings.add("also present: " + other.relativePath()
                                    + (alternative.note().isEmpty() ? "" : " (" + alternative.note() + ")")
                                    + "; using " + chosen.relativePath());
                        }
                    }
                }
            }
        }
        if (chosen == null) {
            return new ElementReport(element,
                    element.required() ? ElementStatus.MISSING_REQUIRED : ElementStatus.MISSING_OPTIONAL,
                    "", null, 0, null, lookedFor, alsoPresent, warnings);
        }
        return new ElementReport(element, ElementStatus.FOUND, chosen.relativePath(), chosen.kind(), chosen.size(),
                chosenAlternative, lookedFor, alsoPresent, warnings);
    }

    private record Context(StorageView storage, String dataPath, List<ElementReport> elements)
            implements DetectionContext {
    }
}
