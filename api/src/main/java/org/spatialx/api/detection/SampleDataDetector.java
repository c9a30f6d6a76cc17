package org.spatialx.api.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.technology.SampleDetection;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.StorageView;

/**
 * Turns a data folder into SampleData (the client side of {@code parse_data_information}), with a
 * per-element report. A host-side service, not an extension point: the {@code technologies} module
 * provides the implementation over every installed {@code Technology}; hosts (connector, server,
 * command line) find it with {@code ServiceLoader.load(SampleDataDetector.class)}. Plugins never
 * implement it.
 */
public interface SampleDataDetector {

    /**
     * Detects the data set in {@code dataPath}.
     *
     * @param dataName   the SampleData's {@code name}
     * @param technology a technology id (e.g. {@code XENIUM}), or {@code null} to try every known
     *                   technology and report which ones match
     * @param storage    where the data lives (a local folder or a server listing)
     * @param dataPath   the data folder, in the storage's syntax; SampleData paths start with it
     * @throws IllegalArgumentException for an unknown technology, naming the known ones
     */
    DetectionResult detect(String dataName, String technology, StorageView storage, String dataPath);

    /** The ids of the technologies this detector knows, built-ins and plugins. */
    List<String> technologies();

    /**
     * Detects every sub-folder of {@code dataPath} as one sample (the notebook's
     * {@code parse_multiple_samples_information}): hidden entries and files are ignored, folders
     * are taken in name order, and each is named after its folder.
     */
    default List<SampleDetection> detectSamples(String technology, StorageView storage, String dataPath) {
        List<StorageEntry> folders = new ArrayList<>(storage.list(dataPath).stream()
                .filter(StorageEntry::isFolder)
                .filter(e -> !e.name().startsWith("."))
                .toList());
        folders.sort(Comparator.comparing(StorageEntry::name));
        List<SampleDetection> samples = new ArrayList<>();
        for (StorageEntry folder : folders) {
            samples.add(new SampleDetection(folder.name(),
                    detect(folder.name(), technology, storage, storage.join(dataPath, folder.name()))));
        }
        return samples;
    }
}
