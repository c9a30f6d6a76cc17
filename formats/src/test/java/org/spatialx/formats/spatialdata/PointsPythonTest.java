package org.spatialx.formats.spatialdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.testing.Python;

/**
 * Our points parts opened by other Parquet readers: pandas/pyarrow as the Python SDK reads them
 * (protocol 7.4: part i with meta gene = i-th key of gene_to_partition), and DuckDB's CLI. Each check
 * is skipped when its reader is not installed (pyarrow is not packaged for Debian).
 */
class PointsPythonTest {

    @TempDir
    Path dir;

    @Test
    void pandasWithPyarrowReadsEveryPartWithItsValuesAndIndex() throws Exception {
        Python.assumeModules("pandas", "pyarrow");
        List<Transcript> input = PointsWriterTest.xeniumToy();
        Path element = dir.resolve("points");
        new PointsWriter(PointsWriter.Options.defaults().withSpillRows(1000)).write(element, input.iterator());
        String script = """
                import sys, json, pandas as pd
                root = sys.argv[1]
                attrs = json.load(open(root + "/.zattrs"))
                genes = list(attrs["gene_to_partition"].keys())
                out = {}
                for i in range(len(attrs["divisions"]) - 1):
                    df = pd.read_parquet(f"{root}/points.parquet/part.{i}.parquet")
                    assert (df["gene"] == genes[i]).all()
                    assert df.index[0] == attrs["divisions"][i], (df.index[0], attrs["divisions"][i])
                    out[genes[i]] = {"dtypes": {c: str(t) for c, t in df.dtypes.items()},
                                     "x": df["x"].tolist(), "cell_id": df["cell_id"].tolist()}
                print(json.dumps(out))
                """;
        JsonNode read = new ObjectMapper().readTree(Python.run(script, element.toString()));
        Map<String, List<Transcript>> expected = PointsWriterTest.byGene(input);
        assertEquals(expected.size(), read.size());
        for (Map.Entry<String, List<Transcript>> gene : expected.entrySet()) {
            JsonNode part = read.get(gene.getKey());
            assertEquals("float64", part.get("dtypes").get("x").asText());
            assertEquals("object", part.get("dtypes").get("cell_id").asText());
            for (int i = 0; i < gene.getValue().size(); i++) {
                assertEquals(gene.getValue().get(i).x(), part.get("x").get(i).asDouble(), 0.0);
                assertEquals(gene.getValue().get(i).cellId(), part.get("cell_id").get(i).asText());
            }
        }
    }

    @Test
    void duckdbReadsEveryPart() throws Exception {
        Path duckdb = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).map(p -> Path.of(p, "duckdb"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(duckdb != null, "no duckdb CLI on PATH: the DuckDB cross-check is skipped");
        List<Transcript> input = PointsWriterTest.xeniumToy();
        Path element = dir.resolve("points");
        new PointsWriter(PointsWriter.Options.defaults()).write(element, input.iterator());
        Process process = new ProcessBuilder(duckdb.toString(), "-csv", "-noheader", "-c",
                "select count(*), count(distinct gene), sum(x) from read_parquet('" + element
                        + "/points.parquet/part.*.parquet')").redirectErrorStream(true).start();
        process.waitFor(2, TimeUnit.MINUTES);
        String[] fields = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(",");
        assertEquals(Integer.toString(input.size()), fields[0]);
        assertEquals(Integer.toString(PointsWriterTest.byGene(input).size()), fields[1]);
        assertEquals(input.stream().mapToDouble(Transcript::x).sum(), Double.parseDouble(fields[2]), 1e-3);
    }

}
