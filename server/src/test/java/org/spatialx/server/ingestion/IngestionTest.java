package org.spatialx.server.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.DataRecord;
import org.spatialx.api.SampleData;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SubmitOptions;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.matrix.TenxH5Matrix;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

class IngestionTest {

    @TempDir
    Path temp;
    LocalServer server;
    SpatialXConnector connector;
    StringBuilder tracked = new StringBuilder();

    @BeforeEach
    void start() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Path xenium = ExampleData.copy(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells"),
                data.resolve("xenium"));
        Files.copy(ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"),
                xenium.resolve("experiment.xenium"));
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t")
                .withMount("data", data).withMount("examples", ExampleData.bundled("")));
        connector = new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .trackingOutput(line -> tracked.append(line).append('\n')).build());
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    @Test
    void xenium() throws Exception {
        List<SampleData> parsed = connector.parseDataInformation("Xenium toy", "XENIUM",
                temp.resolve("data/xenium").toString());
        SubmissionResult result = connector.submit("Personal workspace", "human", "Xenium", "Sample 1", parsed,
                new SubmitOptions("", true, 120));
        System.out.println(tracked);
        DataRecord data = connector.getSampleDataDetail(result.sampleData().get(0).dataId());
        System.out.println(data.mapSubmitResult());
        System.out.println(connector.getSampleDataElements(data.dataId()));
    }
}
