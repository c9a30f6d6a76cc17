package org.spatialx.formats.anndata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.testing.Python;

class TableExportTest {

    @TempDir
    Path dir;

    ExpressionMatrix m;
    Path table;
    DenseMatrix pca;
    Column.Categorical leiden;

    @BeforeEach
    void writeTableWithAnalyses() {
        m = AnnDataTableTest.xenium5k();
        table = dir.resolve("table/TB-1");
        AnnDataWriter writer = new AnnDataWriter();
        writer.create(table, m, AnnDataTableTest.ingestionEntries(m));
        pca = new DenseMatrix(m.cellCount(), 2, IntStream.range(0, 2 * m.cellCount()).mapToDouble(i -> i * 1.5).toArray());
        leiden = Column.Categorical.ofClusters(IntStream.range(0, m.cellCount()).map(i -> i % 2).toArray());
        writer.add(table, new TableEntry.Obsm("AN-1", "Connector - PCA", pca));
        writer.add(table, new TableEntry.Obs("AN-2", "Leiden", leiden));
        Map<String, Column> de = new LinkedHashMap<>();
        de.put("log2fc", new Column.Numeric(new double[] {2.0, -1.0}));
        writer.add(table, new TableEntry.Result("AN-3", "DE genes", new DataFrame(List.of("A", "B"), de)));
    }

    @Test
    void h5adHoldsXAsStoredAndEveryEntry() {
        Path h5ad = dir.resolve("export.h5ad");
        TableExport.toH5ad(AnnDataTable.open(table), h5ad);
        try (HdfFile file = new HdfFile(h5ad)) {
            assertEquals("csc_matrix", file.getByPath("X").getAttribute("encoding-type").getData());
            assertTrue(file.getDatasetByPath("X/data").getData() instanceof int[], "int counts stay int32");
            assertEquals(m.nonZeroCount(), ((int[]) file.getDatasetByPath("X/data").getData()).length);
            assertArrayEquals(m.cellIds().toArray(), (String[]) file.getDatasetByPath("obs/_index").getData());
            assertEquals(2, ((double[][]) file.getDatasetByPath("obsm/Connector - PCA").getData())[0].length);
            assertTrue(file.getByPath("uns/DE genes") != null);
            assertArrayEquals(new byte[] {0, 1, 0, 1}, java.util.Arrays.copyOf(
                    (byte[]) file.getDatasetByPath("obs/Leiden/codes").getData(), 4));
        }
    }

    @Test
    void anndataReadsTheH5adWithTheSameValues() throws Exception {
        Python.assumeModules("anndata", "h5py", "pandas");
        Path h5ad = dir.resolve("export.h5ad");
        TableExport.toH5ad(AnnDataTable.open(table), h5ad);
        String script = AnnDataPythonTest.DUMP.replace("anndata.read_zarr(sys.argv[1])", "anndata.read_h5ad(sys.argv[1])")
                .substring(0, AnnDataPythonTest.DUMP.indexOf("# the Python SDK") + 16)
                + "\nprint(json.dumps(out))\n";
        script = script.replace("# the Python SDK", "");
        JsonNode read = new ObjectMapper().readTree(Python.run(script, h5ad.toString()));
        assertEquals("csc_matrix", read.get("format").asText());
        assertEquals("int32", read.get("dtype").asText());
        assertEquals(AnnDataPythonTest.ints(m.indptr()), AnnDataPythonTest.ints(read.get("indptr")));
        assertEquals(AnnDataPythonTest.ints(m.indices()), AnnDataPythonTest.ints(read.get("indices")));
        assertEquals(m.cellIds(), AnnDataPythonTest.strings(read.get("obs_names")));
        assertEquals(m.geneNames(), AnnDataPythonTest.strings(read.get("var_names")));
        JsonNode region = read.get("obs").get("region");
        assertEquals("category", region.get("dtype").asText());
        assertEquals(List.of("tumour", "stroma", "vessel"), AnnDataPythonTest.strings(region.get("categories")));
        assertEquals(-1, region.get("codes").get(3).asInt(), "missing labels stay missing");
        assertEquals(List.of("0", "1"), AnnDataPythonTest.strings(read.get("obs").get("Leiden").get("categories")));
        assertEquals("float64", read.get("obs").get("total_counts").get("dtype").asText());
        assertEquals(pca.get(3, 1), read.get("obsm").get("Connector - PCA").get("values").get(7).asDouble(), 0.0);
        assertEquals(m.cellCount() * 2, read.get("obsm").get("spatial").get("values").size());
        assertEquals(List.of("A", "B"), AnnDataPythonTest.strings(read.get("uns").get("DE genes").get("index")));
        assertEquals(m.geneIds(), AnnDataPythonTest.strings(read.get("var").get("gene_ids").get("values")));
    }

    @Test
    void obsCsvHasDisplayNamesLabelsAndEmbeddings() throws Exception {
        Path csv = dir.resolve("obs.csv");
        TableExport.obsToCsv(AnnDataTable.open(table), csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(m.cellCount() + 1, lines.size());
        assertEquals("cell_id,Number of genes,Number of mRNA transcripts,Région,Notes,Leiden,Spatial Cell centers 1,"
                + "Spatial Cell centers 2,Connector - PCA 1,Connector - PCA 2", lines.get(0));
        String[] row3 = lines.get(4).split(",", -1);
        assertEquals(m.cellIds().get(3), row3[0]);
        assertEquals("", row3[3], "cell 3 has no region");
        assertEquals("1", row3[5]);
        assertEquals(Double.toString(pca.get(3, 1)), row3[9]);

        Python.assumeModules("pandas");
        JsonNode read = new ObjectMapper().readTree(Python.run("""
                import sys, json, pandas as pd
                df = pd.read_csv(sys.argv[1], index_col=0)
                print(json.dumps({"columns": list(df.columns), "n": len(df),
                                  "total": float(df["Number of mRNA transcripts"].sum())}))
                """, csv.toString()));
        assertEquals(m.cellCount(), read.get("n").asInt());
        assertEquals(m.total(), read.get("total").asDouble(), 1e-6);
    }
}
