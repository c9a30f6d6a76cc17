package org.spatialx.server.submission;

import java.nio.file.Path;
import java.util.List;
import org.spatialx.api.SampleData;

/**
 * Server-side detection of a data set's files for a technology, behind
 * {@code pyapi/v1/submission/parse_data_information} (protocol 2.2 #30, 4.1). Set through
 * {@code LocalServerConfig.withSampleParser}; the technologies module provides the real one.
 */
@FunctionalInterface
public interface SampleParser {

    /**
     * Parses one data set.
     *
     * @param dataName   the {@code data_name} to give the result
     * @param technology a Technologies wire value such as {@code XENIUM}
     * @param dataPath   the local folder or file, already checked to be inside a mount
     * @return usually one SampleData with server paths in {@code files}/{@code folders}
     * @throws IllegalArgumentException when the data does not match the technology (its message is
     *                                  sent to the client as is)
     */
    List<SampleData> parse(String dataName, String technology, Path dataPath) throws Exception;

    /**
     * The technology extensions on the class path (the {@code technologies} module registers its
     * detector with {@link java.util.ServiceLoader}), or {@link #NONE} when there are none.
     */
    static SampleParser installed() {
        return java.util.ServiceLoader.load(org.spatialx.api.detection.SampleDataDetector.class,
                        SampleParser.class.getClassLoader()).findFirst()
                .<SampleParser>map(TechnologySampleParser::new)
                .orElse(NONE);
    }

    /** Used when no technology extension is installed: answers that none is. */
    SampleParser NONE = (dataName, technology, dataPath) -> {
        throw new UnsupportedOperationException("Cannot parse '" + dataName + "' as " + technology
                + ": no technology extensions are installed in this local server. Start the server from the "
                + "spatialx shell (which installs them) or build the SampleData yourself (add_custom_sample).");
    };
}
