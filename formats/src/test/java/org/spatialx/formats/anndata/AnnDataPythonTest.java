package org.spatialx.formats.anndata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.testing.Python;

/** The tables we write, opened by the reference implementation: anndata 0.8's read_zarr and read_elem. */
class AnnDataPythonTest {

    /** Dumps what anndata reads as JSON: X in CSR, dtypes, obs/var/obsm/uns, and the SDK's element lookups. */
    static final String DUMP = """
            import sys, json, zarr, anndata, numpy as np, pandas as pd
            from anndata._io.specs import read_elem
            a = anndata.read_zarr(sys.argv[1])
            X = a.X.tocsr(); X.sort_indices()
            out = {"format": type(a.X).__name__, "dtype": str(a.X.dtype), "shape": list(a.shape),
                   "indptr": X.indptr.tolist(), "indices": X.indices.tolist(), "data": X.data.tolist(),
                   "obs_names": list(a.obs_names), "var_names": list(a.var_names), "obs": {}, "var": {}, "obsm": {}, "uns": {}}
            for frame, key in ((a.obs, "obs"), (a.var, "var")):
                for c in frame.columns:
                    s = frame[c]
                    if isinstance(s.dtype, pd.CategoricalDtype):
                        out[key][c] = {"dtype": "category", "categories": list(s.cat.categories), "codes": s.cat.codes.tolist()}
                    else:
                        out[key][c] = {"dtype": str(s.dtype), "values": s.tolist()}
            for k, v in a.obsm.items():
                out["obsm"][k] = {"dtype": str(v.dtype), "shape": list(v.shape), "values": np.asarray(v).ravel().tolist()}
            for k, v in a.uns.items():
                out["uns"][k] = {"index": list(v.index), "columns": {c: v[c].tolist() for c in v.columns}}
            # the Python SDK's way (protocol 7.4): names through the slots' elements attrs, read_elem per entry
            g = zarr.open_group(sys.argv[1], mode="r")
            out["sdk"] = {}
            for slot in ("obs", "var", "obsm", "uns"):
                names = g[slot].attrs.get("elements", {})
                out["sdk"][slot] = {name: str(type(read_elem(g[slot][i])).__name__) for name, i in names.items()}
            print(json.dumps(out))
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void needsAnndata() {
        Python.assumeModules("anndata", "zarr", "pandas", "numpy");
    }

    @Test
    void anndataReadsOurTableWithIntCountsCategoriesAndEmbeddings() throws Exception {
        ExpressionMatrix m = AnnDataTableTest.xenium5k();
        Path table = dir.resolve("table/TB-1");
        List<TableEntry> entries = AnnDataTableTest.ingestionEntries(m);
        AnnDataWriter writer = new AnnDataWriter();
        writer.create(table, m, entries);
        DenseMatrix umap = new DenseMatrix(m.cellCount(), 2, java.util.stream.IntStream.range(0, 2 * m.cellCount())
                .mapToDouble(i -> i / 7.0).toArray());
        writer.add(table, new TableEntry.Obsm("AN-umap", "UMAP - n_neighbors=15", umap));
        writer.add(table, new TableEntry.Obs("AN-leiden", "Leiden", Column.Categorical.ofClusters(
                java.util.stream.IntStream.range(0, m.cellCount()).map(i -> i % 3).toArray())));
        Map<String, Column> de = new LinkedHashMap<>();
        de.put("log2fc", new Column.Numeric(new double[] {1.5, -0.25}));
        de.put("group", new Column.Categorical(List.of("A", "B"), new int[] {1, 0}));
        writer.add(table, new TableEntry.Result("AN-de", "DE genes", new DataFrame(List.of("g1", "g2"), de)));

        JsonNode read = new ObjectMapper().readTree(Python.run(DUMP, table.toString()));

        assertEquals("csc_matrix", read.get("format").asText());
        assertEquals("int32", read.get("dtype").asText(), "int counts stay int32");
        assertEquals(List.of(m.cellCount(), m.geneCount()), ints(read.get("shape")));
        assertEquals(ints(m.indptr()), ints(read.get("indptr")));
        assertEquals(ints(m.indices()), ints(read.get("indices")));
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < m.nonZeroCount(); i++) {
            values.add((int) m.values().get(i));
        }
        assertEquals(values, ints(read.get("data")));
        assertEquals(m.cellIds(), strings(read.get("obs_names")));
        assertEquals(m.geneNames(), strings(read.get("var_names")));
        assertEquals(m.geneIds(), strings(read.get("var").get("gene_ids").get("values")));

        JsonNode region = read.get("obs").get("region");
        assertEquals("category", region.get("dtype").asText());
        Column.Categorical expected = (Column.Categorical) ((TableEntry.Obs) entries.get(3)).column();
        assertEquals(expected.categories(), strings(region.get("categories")));
        assertEquals(ints(expected.codes()), ints(region.get("codes")));
        assertEquals("float64", read.get("obs").get("n_genes_by_counts").get("dtype").asText());
        assertEquals("object", read.get("obs").get("notes").get("dtype").asText());
        assertEquals(((Column.Text) ((TableEntry.Obs) entries.get(4)).column()).values(),
                strings(read.get("obs").get("notes").get("values")));
        assertEquals(List.of("0", "1", "2"), strings(read.get("obs").get("AN-leiden").get("categories")));

        JsonNode spatial = read.get("obsm").get("spatial");
        assertEquals("float64", spatial.get("dtype").asText());
        assertEquals(List.of(m.cellCount(), 2), ints(spatial.get("shape")));
        DenseMatrix xy = ((TableEntry.Obsm) entries.get(2)).matrix();
        for (int i = 0; i < xy.values().length; i++) {
            assertEquals(xy.values()[i], spatial.get("values").get(i).asDouble(), 0.0);
        }
        assertEquals(umap.values()[5], read.get("obsm").get("AN-umap").get("values").get(5).asDouble(), 0.0);
        assertEquals(List.of("g1", "g2"), strings(read.get("uns").get("AN-de").get("index")));
        assertEquals(List.of("B", "A"), strings(read.get("uns").get("AN-de").get("columns").get("group")));

        JsonNode sdk = read.get("sdk");
        assertEquals("ndarray", sdk.get("obs").get("Number of genes").asText());
        assertEquals("Categorical", sdk.get("obs").get("Leiden").asText());
        assertEquals("ndarray", sdk.get("obsm").get(AnnDataWriter.SPATIAL_CELL_CENTERS).asText());
        assertEquals("ndarray", sdk.get("obsm").get("UMAP - n_neighbors=15").asText());
        assertEquals("DataFrame", sdk.get("uns").get("DE genes").asText());
        assertEquals("ndarray", sdk.get("var").get("Gene IDs").asText());
    }

    @Test
    void anndataReadsFloatCountsAsFloat64FromUncompressedChunks() throws Exception {
        ExpressionMatrix m = AnnDataTableTest.xeniumToy();
        Path table = dir.resolve("toy");
        new AnnDataWriter(org.spatialx.formats.zarr.Compression.NONE).create(table, m, AnnDataWriter.cellQc(m));
        assertEquals("null", new ObjectMapper().readTree(table.resolve("X/data/.zarray").toFile()).get("compressor")
                .toString());
        JsonNode read = new ObjectMapper().readTree(Python.run(DUMP, table.toString()));
        assertEquals("float64", read.get("dtype").asText());
        for (int i = 0; i < m.nonZeroCount(); i++) {
            assertEquals(m.values().get(i), read.get("data").get(i).asDouble(), 0.0);
        }
    }

    @Test
    void readsWhatAnndataWritesByDefaultBloscAndCsr() throws Exception {
        Path table = dir.resolve("from-anndata.zarr");
        JsonNode written = new ObjectMapper().readTree(Python.run("""
                import sys, json, anndata, numpy as np, pandas as pd, scipy.sparse as sp
                rng = np.random.default_rng(5)
                X = sp.random(300, 40, density=0.2, format="csr", random_state=1, dtype=np.float32)
                obs = pd.DataFrame({"cluster": pd.Categorical(rng.choice(["B", "T", "NK"], 300)),
                                    "score": rng.normal(size=300)}, index=[f"c{i}" for i in range(300)])
                a = anndata.AnnData(X=X, obs=obs, var=pd.DataFrame(index=[f"g{i}" for i in range(40)]),
                                    obsm={"X_umap": rng.normal(size=(300, 2))})
                a.write_zarr(sys.argv[1])
                print(json.dumps({"indptr": X.indptr.tolist(), "indices": X.indices.tolist(),
                                  "data": X.data.astype(float).tolist(), "categories": list(obs["cluster"].cat.categories),
                                  "codes": obs["cluster"].cat.codes.tolist(), "score": obs["score"].tolist(),
                                  "umap": a.obsm["X_umap"].ravel().tolist()}))
                """, table.toString()));
        AnnDataTable read = AnnDataTable.open(table);
        assertEquals(300, read.cellCount());
        ExpressionMatrix x = read.expression().read();
        assertTrue(x.values() instanceof org.spatialx.api.data.MatrixValues.Floats, "float32 X stays float");
        assertEquals(ints(written.get("indptr")), ints(x.indptr()));
        assertEquals(ints(written.get("indices")), ints(x.indices()));
        for (int i = 0; i < x.nonZeroCount(); i++) {
            assertEquals(written.get("data").get(i).asDouble(), x.values().get(i), 0.0);
        }
        Column.Categorical cluster = (Column.Categorical) read.obs("cluster");
        assertEquals(strings(written.get("categories")), cluster.categories());
        assertEquals(ints(written.get("codes")), ints(cluster.codes()));
        assertEquals(written.get("score").get(7).asDouble(), ((Column.Numeric) read.obs("score")).values()[7], 0.0);
        assertEquals(written.get("umap").get(5).asDouble(), read.obsm("X_umap").values()[5], 0.0);
        assertEquals(List.of("cluster", "score"), read.ids(Slot.OBS));
        assertEquals(List.of("X_umap"), read.ids(Slot.OBSM), "listed from the folder: anndata writes no elements");
        assertEquals(Map.of(), read.elements(Slot.OBSM));
        ExpressionMatrix genes = read.expression().genes("g3", "g0");
        assertEquals(List.of("g3", "g0"), genes.geneNames());
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    static List<Integer> ints(int[] array) {
        List<Integer> out = new ArrayList<>();
        for (int v : array) {
            out.add(v);
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
