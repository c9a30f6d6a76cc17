package org.spatialx.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.formats.matrix.H5adMatrix;
import org.spatialx.shell.testing.IngestedXenium;

/** Python and JavaScript read an ingested data set back (spatial_data, tables, X, points) and export it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredDataScriptsTest {

    @TempDir
    static Path dir;
    Engine engine;
    IngestedXenium ingested;

    @BeforeAll
    void start() throws Exception {
        engine = ScriptEngines.create(Path.of(System.getProperty("java.io.tmpdir"), "spatialx-test-graalvm-cache"));
        ingested = IngestedXenium.start(dir);
    }

    @AfterAll
    void stop() {
        ingested.close();
        engine.close();
    }

    private String run(ScriptLanguage language, String code, String output) throws Exception {
        Path script = dir.resolve("script" + System.nanoTime() + language.extension());
        Files.writeString(script, code);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScriptBridge bridge = new ScriptBridge(options -> new SpatialXConnector(ingested.server().url(),
                ingested.server().token()), List.of(), List.of(script.toString(), ingested.dataId(), output),
                NotebookDocs.load());
        try (ScriptSession session = ScriptSession.open(language, engine, bridge, out, out,
                new ByteArrayInputStream(new byte[0]), dir)) {
            session.runFile(script);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pythonReadsBackAndExports() throws Exception {
        Path h5ad = dir.resolve("py.h5ad");
        String out = run(ScriptLanguage.PYTHON, """
                import sys
                from spatialx_connector import SpatialXConnector
                connector = SpatialXConnector(domain="", token="")
                sd = connector.spatial_data(data_id=sys.argv[1])
                table = sd.get_table()
                print(table.n_obs, table.n_vars, table.obs_keys(), table.obsm_keys())
                x = table.X(genes=[table.var_names[0]], cells=[0, 1])
                print(x["obs_names"] == table.obs_names[:2], len(x["X"][0]))
                points = sd.get_points(name=[p for p in sd.points if p.endswith("Transcripts")][0])
                print(len(points.read(points.genes()[0])["x"]) > 0)
                print(connector.get_sample_data_elements(sys.argv[1])["cell_centers"])
                connector.export_anndata(data_id=sys.argv[1], path=sys.argv[2])
                """, h5ad.toString());
        assertTrue(out.contains("526 30 ['Number of genes', 'Number of mRNA transcripts'] ['Spatial Cell centers']"), out);
        assertTrue(out.contains("True 1\nTrue\n['toy - Cell centers']"), out);
        assertEquals(526, H5adMatrix.read(h5ad).cellCount());
    }

    @Test
    void javascriptReadsBack() throws Exception {
        String out = run(ScriptLanguage.JS, """
                const connector = new SpatialXConnector({});
                const sd = connector.spatial_data({data_id: argv[1]});
                const table = sd.get_table();
                console.log(table.n_obs, JSON.stringify(sd.tables), table.obs("Number of genes").length);
                """, "");
        assertTrue(out.contains("526 [\"toy\"] 526"), out);
    }
}
