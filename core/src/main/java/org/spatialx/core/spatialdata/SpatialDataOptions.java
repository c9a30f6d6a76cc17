package org.spatialx.core.spatialdata;

/**
 * What {@code SpatialData(...)} opens: a data set ({@code data_id}) or a whole sample ({@code sample_id}).
 *
 * @param dataId   a data id (DA-...); its sample's store, showing only its elements
 * @param sampleId a sample id (SP-...); every element of the sample
 */
public record SpatialDataOptions(String dataId, String sampleId) {

    /** Neither given (the call then asks for one). */
    public static SpatialDataOptions defaults() {
        return new SpatialDataOptions(null, null);
    }

    /** A data set's elements. */
    public static SpatialDataOptions ofData(String dataId) {
        return new SpatialDataOptions(dataId, null);
    }

    /** A sample's elements. */
    public static SpatialDataOptions ofSample(String sampleId) {
        return new SpatialDataOptions(null, sampleId);
    }
}
