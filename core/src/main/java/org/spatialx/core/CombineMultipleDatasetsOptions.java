package org.spatialx.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.MetadataAction;

/**
 * Optional arguments of {@code combine_multiple_datasets} (protocol 4.3).
 *
 * @param referenceAnndataPaths the {@code [sample_name, sample_id, table]} triples to combine (required
 *                              with a study id; built from the data ids otherwise)
 * @param includedImages        table to the images element kept with it (default none)
 * @param includedSegmentation  table to the segmentation element kept with it (default none)
 * @param metadataAction        {@code ignore} (default), {@code combine} or {@code separate}
 */
public record CombineMultipleDatasetsOptions(List<List<Object>> referenceAnndataPaths,
                                             Map<String, Object> includedImages,
                                             Map<String, Object> includedSegmentation, String metadataAction) {

    /** Copies the maps in order (null becomes empty) and checks the metadata action. */
    public CombineMultipleDatasetsOptions {
        referenceAnndataPaths = referenceAnndataPaths == null ? null
                : referenceAnndataPaths.stream().map(List::copyOf).toList();
        includedImages = includedImages == null ? Map.of() : new LinkedHashMap<>(includedImages);
        includedSegmentation = includedSegmentation == null ? Map.of() : new LinkedHashMap<>(includedSegmentation);
        metadataAction = MetadataAction.fromValue(metadataAction == null ? MetadataAction.IGNORE.value()
                : metadataAction).value();
    }

    /**
     * The Python defaults: {@code reference_anndata_paths} to be given, {@code included_images=None,
     * included_segmentation=None, metadata_action="ignore"}.
     */
    public static CombineMultipleDatasetsOptions defaults() {
        return new CombineMultipleDatasetsOptions(null, null, null, MetadataAction.IGNORE.value());
    }

    /** These options with the triples to combine. */
    public CombineMultipleDatasetsOptions withReferenceAnndataPaths(List<List<Object>> triples) {
        return new CombineMultipleDatasetsOptions(triples, includedImages, includedSegmentation, metadataAction);
    }
}
