package org.spatialx.api;

/**
 * The plugin contract's version, one for every extension point of this artifact (technologies,
 * analyses). A plugin's {@code plugin.requires} in {@code plugin.properties} is checked against it
 * when the plugin is loaded; a plugin that requires a newer version is reported and skipped.
 */
public final class Spi {

    /**
     * The SPI version (semantic versioning). 0.2.0: {@code Technology.submissionType()} returns
     * {@link SubmissionType}, elements that are not sent are declared with their own factories, and
     * the analysis extension point exists, and a technology may answer how its data is ingested
     * ({@code Technology.reader()}, package {@code org.spatialx.api.ingestion}).
     */
    public static final String VERSION = "0.2.0";

    private Spi() {
    }
}
