package org.spatialx.shell.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.spatialx.api.SubmissionResult;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SubmitOptions;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * A local server holding one ingested Xenium data set (the bundled SFE toy run with the XOA 3
 * experiment.xenium), for tests of what scripts and pictures read back.
 *
 * @param server    the server (close it)
 * @param connector a connector to it (close it)
 * @param dataId    the ingested data set
 */
public record IngestedXenium(LocalServer server, SpatialXConnector connector, String dataId) implements AutoCloseable {

    /** Starts a server in {@code folder}, submits the toy run and waits for its ingestion. */
    public static IngestedXenium start(Path folder) throws Exception {
        Path xenium = ExampleData.copy(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells"),
                folder.resolve("data/xenium"));
        Files.copy(ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"),
                xenium.resolve("experiment.xenium"));
        LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(folder.resolve("home"))
                .withToken("ingested-token").withMount("data", folder.resolve("data")));
        SpatialXConnector connector = new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .trackingOutput(line -> { }).logPollInterval(java.time.Duration.ofMillis(50)).build());
        SubmissionResult result = connector.submit("Personal workspace", "human", "toy", "s1",
                connector.parseDataInformation("toy", "XENIUM", xenium.toString()), SubmitOptions.defaults());
        String dataPath = connector.getStudyDetail(result.studyId()).study().dataPath();
        connector.tracker().track(dataPath + "/submit/" + result.submitId() + "/submission.log", Duration.ofSeconds(60));
        return new IngestedXenium(server, connector, result.sampleData().get(0).dataId());
    }

    @Override
    public void close() {
        connector.close();
        server.close();
    }
}
