package org.spatialx.formats.spatialdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.testing.Python;

/**
 * Our points parts opened by other Parquet readers: pandas/pyarrow as the Python SDK reads them
 * (protocol 7.4: part i with meta gene = i-th key of gene_to_partition), and DuckDB. Each check is
 * skipped when {@code /usr/bin/python3} lacks the module (neither is packaged for Debian: put their
 * unpacked wheels on {@code PYTHONPATH} to run them).
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
        Python.assumeModules("duckdb");
        List<Transcript> input = PointsWriterTest.xeniumToy();
        Path element = dir.resolve("points");
        new PointsWriter(PointsWriter.Options.defaults()).write(element, input.iterator());
        JsonNode read = new ObjectMapper().readTree(Python.run("""
                import sys, json, duckdb
                n, genes, x = duckdb.sql(f"select count(*), count(distinct gene), sum(x) from "
                                         f"read_parquet('{sys.argv[1]}/points.parquet/part.*.parquet')").fetchone()
                print(json.dumps({"n": n, "genes": genes, "x": x}))
                """, element.toString()));
        assertEquals(input.size(), read.get("n").asInt());
        assertEquals(PointsWriterTest.byGene(input).size(), read.get("genes").asInt());
        assertEquals(input.stream().mapToDouble(Transcript::x).sum(), read.get("x").asDouble(), 1e-3);
    }
}
