package org.spatialx.core.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.detection.SampleDataDetector;

/**
 * The client-side steps of {@code parse_data_information} (protocol 4.2): user arguments appended
 * to every SampleData's {@code args}, then the QC filters to its {@code kwargs}; and the lookup of
 * the technology extensions that detect a data folder on this side.
 */
public final class SampleDataParsing {

    private SampleDataParsing() {
    }

    /**
     * Protocol 4.2 steps 2-3 on every element: {@code args} map entries appended as pairs (map order),
     * then {@code min_genes}, {@code min_counts}, {@code mito_controls_percentage} appended to
     * {@code kwargs}.
     */
    public static List<SampleData> withClientArguments(List<SampleData> parsed, Map<String, Object> args,
                                                       int minGenes, int minCounts, double mitoControlsPercentage) {
        List<KeyValue> extraArgs = new ArrayList<>();
        if (args != null) {
            args.forEach((key, value) -> extraArgs.add(new KeyValue(key, value)));
        }
        List<KeyValue> qc = List.of(
                new KeyValue("min_genes", minGenes),
                new KeyValue("min_counts", minCounts),
                new KeyValue("mito_controls_percentage", mitoControlsPercentage));
        List<SampleData> result = new ArrayList<>(parsed.size());
        for (SampleData data : parsed) {
            result.add(data.withArgs(extraArgs).withKwargs(qc));
        }
        return result;
    }

    /**
     * The technology detector on the class path (the {@code technologies} module registers one),
     * or empty when this client has none: parsing then asks the server.
     */
    public static Optional<SampleDataDetector> installedDetector() {
        return ServiceLoader.load(SampleDataDetector.class, SampleDataParsing.class.getClassLoader()).findFirst();
    }
}
