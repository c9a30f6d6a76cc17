package org.spatialx.server.ingestion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spatialx.api.KeyValue;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.Technology;
import org.spatialx.technologies.detection.LayoutDetector;
import org.spatialx.technologies.storage.LocalStorageView;

/**
 * The files of a submitted data set by element name: each SampleData pair under its key and under
 * the name of the technology element sent with that key, then the elements detection finds in the
 * folder holding them (those a technology reports but never sends, such as Xenium's cell matrix).
 */
final class SubmittedDataFiles implements SubmittedFiles {

    private final Map<String, Path> elements;
    private final Map<String, String> args;
    private final String folder;

    private SubmittedDataFiles(Map<String, Path> elements, Map<String, String> args, String folder) {
        this.elements = elements;
        this.args = args;
        this.folder = folder;
    }

    /**
     * The pairs' local paths ({@code pairs}: key to path, in SampleData order), named after the
     * technology's elements when {@code technology} is given, with detection's other finds added.
     */
    static SubmittedDataFiles of(Technology technology, Map<String, Path> pairs, List<KeyValue> argPairs) {
        Map<String, Path> elements = new LinkedHashMap<>(pairs);
        Map<String, String> args = new LinkedHashMap<>();
        for (KeyValue arg : argPairs) {
            args.put(arg.key(), arg.value() == null ? "" : String.valueOf(arg.value()));
        }
        Path common = commonFolder(pairs.values());
        if (technology != null) {
            for (Element element : technology.elements()) {
                element.wireKey().map(pairs::get).ifPresent(path -> elements.putIfAbsent(element.name(), path));
            }
            if (common != null) {
                DetectionReport report = LayoutDetector.report(technology, new LocalStorageView(), common.toString());
                for (ElementReport found : report.elements()) {
                    if (found.found() && !elements.containsKey(found.name())) {
                        elements.put(found.name(), common.resolve(found.path()));
                    }
                }
            }
        }
        return new SubmittedDataFiles(elements, args, common == null ? "(no files)" : common.toString());
    }

    /** The deepest folder holding every submitted file and folder. */
    private static Path commonFolder(java.util.Collection<Path> paths) {
        Path common = null;
        for (Path path : paths) {
            Path parent = path.toAbsolutePath().normalize().getParent();
            if (parent == null) {
                continue;
            }
            if (common == null) {
                common = parent;
            } else {
                while (!parent.startsWith(common)) {
                    common = common.getParent();
                    if (common == null) {
                        return null;
                    }
                }
            }
        }
        return common;
    }

    @Override
    public Optional<Path> find(String name) {
        return Optional.ofNullable(elements.get(name)).filter(Files::exists);
    }

    @Override
    public Path require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("The data set has no '" + name
                + "' (submitted and found: " + String.join(", ", names()) + "; looked beside them in " + folder
                + "). Submit it, or parse the folder again with parse_data_information."));
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(elements.keySet());
        return names.isEmpty() ? List.of("nothing") : names;
    }

    @Override
    public Optional<String> arg(String key) {
        return Optional.ofNullable(args.get(key));
    }

    @Override
    public String describe() {
        return folder;
    }
}
