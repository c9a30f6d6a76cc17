package org.spatialx.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spatialx.api.Entity;
import org.spatialx.api.Permission;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.SpatialXException;
import org.spatialx.api.detection.SampleDataDetector;
import org.spatialx.api.technology.DetectionException;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.core.DescribeOptions;
import org.spatialx.core.ParseMultipleOptions;
import org.spatialx.core.ParseOptions;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.JsonFields;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

/**
 * Parsing data folders on the server into SampleData (protocol 4.2). By default the server's parser
 * ({@code pyapi/v1/submission/parse_data_information}) decides, exactly as the Python SDK asks it:
 * a real SpatialX is the authority on the layouts it accepts. On request ({@code detect_locally})
 * this client's technology extensions detect the folder over the server's own listing (so the
 * server's mounts apply). Then the client's arguments and QC filters are appended.
 */
public final class ParsingEndpoints {

    private final SpatialXTransport transport;
    private final DirectoryListing listing;
    private final ServerStorageView storage;

    /** Parsing through {@code transport}, with folders listed by {@code listing}. */
    public ParsingEndpoints(SpatialXTransport transport, DirectoryListing listing) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.listing = Objects.requireNonNull(listing, "listing");
        this.storage = ServerStorageView.of(transport.domain(), listing);
    }

    /**
     * The SampleData of a data folder with {@code args} and the QC filters appended.
     *
     * @throws SpatialXInvalidInputException naming each missing required element and where it was looked for
     */
    public List<SampleData> parseDataInformation(String dataName, String technology, String dataPath,
                                                 ParseOptions options) {
        List<SampleData> parsed = options.detectLocally() ? detectLocally(dataName, technology, dataPath)
                : parseOnServer(dataName, technology, dataPath);
        return SampleDataParsing.withClientArguments(parsed, options.args(), options.minGenes(),
                options.minCounts(), options.mitoControlsPercentage());
    }

    /**
     * Every sub-folder of {@code dataPath} (its {@code directory/entities} listing) parsed as one
     * sample; a folder that fails is reported as {@code Fail to parse data in <folder>: <error>} on
     * the tracking output and skipped.
     */
    public List<SampleSubmission> parseMultipleSamplesInformation(String technology, String dataPath,
                                                                  ParseMultipleOptions options) {
        List<SampleSubmission> samples = new ArrayList<>();
        for (Entity entity : listing.entries(dataPath)) {
            if (!Entity.DIRECTORY.equals(entity.type())) {
                continue;
            }
            String folder = entity.name();
            try {
                List<SampleData> data = parseDataInformation(options.dataNameMapping().getOrDefault(folder, folder),
                        technology, joinServerPath(dataPath, folder), options.parseOptions());
                samples.add(new SampleSubmission(options.sampleNameMapping().getOrDefault(folder, folder), data));
            } catch (SpatialXException failed) {
                transport.options().trackingOutput().accept("Fail to parse data in " + folder + ": " + failed.getMessage());
            }
        }
        return samples;
    }

    /** The per-element report of a data folder; without a technology, which technologies match. */
    public DetectionResult describeData(String dataPath, DescribeOptions options) {
        SampleDataDetector detector = SampleDataParsing.installedDetector().orElseThrow(() ->
                new SpatialXInvalidInputException("describe_data needs the technology extensions on the class path "
                        + "(the spatialx-technologies module); the server's parser gives no report."));
        String name = options.dataName() != null ? options.dataName() : lastSegment(dataPath);
        listing.entries(dataPath); // the server's reason when it cannot list the folder
        try {
            return detector.detect(name, options.technology(), storage, dataPath);
        } catch (IllegalArgumentException unknownTechnology) {
            throw new SpatialXInvalidInputException(unknownTechnology.getMessage(), unknownTechnology);
        }
    }

    /** {@code detect_locally=True}: this client's technology extensions over the server's listing. */
    private List<SampleData> detectLocally(String dataName, String technology, String dataPath) {
        SampleDataDetector detector = SampleDataParsing.installedDetector().orElseThrow(() ->
                new SpatialXInvalidInputException("detect_locally needs the technology extensions on the class path "
                        + "(the spatialx-technologies module); without them, let the server parse (the default)."));
        // A folder the server cannot list (outside its mounts, absent) fails here with the server's
        // own reason, rather than as every element missing.
        listing.entries(dataPath);
        try {
            return detector.detect(dataName, technology, storage, dataPath).requireSampleData();
        } catch (DetectionException | IllegalArgumentException undetected) {
            throw new SpatialXInvalidInputException(undetected.getMessage(), undetected);
        }
    }

    /** Protocol 2.2 #30: the server detects the folder (NEW sends {@code permission_name}). */
    private List<SampleData> parseOnServer(String dataName, String technology, String dataPath) {
        ApiRequest request = ApiRequest.post(UrlFamily.PYAPI, "submission/parse_data_information")
                .json(JsonFields.of("data_name", dataName, "technology", technology, "data_path", dataPath,
                        "permission_name", Permission.CREATE_NEW_STUDY.value()))
                .build();
        JsonNode answer = transport.call(request);
        if (!answer.isArray()) {
            throw transport.unexpected(request.path() + " answered " + answer.getNodeType()
                    + " where a list of SampleData was expected.");
        }
        List<SampleData> parsed = new ArrayList<>();
        for (JsonNode element : answer) {
            parsed.add(transport.read(element, SampleData.class, request.path()));
        }
        return parsed;
    }

    private static String joinServerPath(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
