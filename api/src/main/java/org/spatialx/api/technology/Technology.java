package org.spatialx.api.technology;

import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SubmissionType;
import org.spatialx.api.ingestion.DataReader;

/**
 * An instrument output layout that {@code parse_data_information} can turn into SampleData: a PF4J
 * extension point declaring logical {@link Element}s with ordered {@link Alternative}s. Built-ins
 * live in the {@code technologies} module; third-party plugins add more with {@code @Extension}.
 * Everything but {@link #id()} and {@link #elements()} has a default.
 */
public interface Technology extends ExtensionPoint {

    /** The technology's name as users type it, e.g. {@code XENIUM}; unique in a catalog. */
    String id();

    /** The elements, in the order their pairs appear in the SampleData's {@code files}/{@code folders}. */
    List<Element> elements();

    /** The {@code technology} string sent in SampleData (protocol 5.1/5.2); {@link #id()} by default. */
    default String wireTechnology() {
        return id();
    }

    /** The {@code submission_type} sent in SampleData; derived from the wire technology by protocol 5.3. */
    default SubmissionType submissionType() {
        return SubmissionType.detect(wireTechnology());
    }

    /** One line naming the instrument and its software, for listings. */
    default String description() {
        return id();
    }

    /**
     * Sub-folders of the data folder under which every element is also looked for, tried in order,
     * e.g. {@code ""} then {@code outs} for Space Ranger; {@code ""} (the data folder) by default.
     */
    default List<String> roots() {
        return List.of("");
    }

    /** Technology arguments appended to the SampleData's {@code args}, e.g. CosMx {@code mpp = 0.18}. */
    default List<KeyValue> args() {
        return List.of();
    }

    /**
     * Reads the instrument software version from the found elements (headers only, never image
     * pixels). Called only when the storage can read content; unknown by default.
     */
    default SoftwareVersion readVersion(DetectionContext context) {
        return SoftwareVersion.unknown("this technology does not record a software version");
    }

    /** Technology-level warnings about the found layout (e.g. several bin sizes); none by default. */
    default List<String> warnings(DetectionContext context) {
        return List.of();
    }

    /**
     * How the local server reads this technology's submitted data into a table, points, shapes and
     * images; empty (the default) when it cannot ingest it, and the data is then stored as received.
     */
    default Optional<DataReader> reader() {
        return Optional.empty();
    }
}
