package org.spatialx.plugins.moran;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.Slot;
import org.spatialx.shell.cli.SpatialxCommand;

/**
 * The plugin zip built by this module's package phase, dropped into the empty plugins folder of a
 * fresh home, makes {@code connector.analysis.spatial_statistics.morans_i} callable from a script,
 * which runs it on the local server on the bundled Xenium toy: the values written to var are those
 * of an independent brute-force computation.
 */
class MoransIPluginIT {

    @TempDir
    Path temp;

    @Test
    void droppedZipIsCallableFromAScriptAndWritesMoransIToVar() throws Exception {
        Path zip = Path.of(System.getProperty("spatialx.plugin.zip"));
        assertTrue(Files.isRegularFile(zip), "plugin zip not built: " + zip);
        Path home = Files.createDirectories(temp.resolve("home"));
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        // the bundled Xenium toy with the XOA 3 run's experiment.xenium, which completes its layout
        Path examples = Path.of(System.getProperty("spatialx.examples.dir")).toAbsolutePath().normalize();
        Path xenium = Files.createDirectories(temp.resolve("Xenium"));
        try (Stream<Path> files = Files.list(examples.resolve("xenium/SFE_toy_Xenium_XOA1x_human_526cells"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, xenium.resolve(file.getFileName().toString()));
            }
        }
        Files.copy(examples.resolve("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"),
                xenium.resolve("experiment.xenium"));
        Path script = temp.resolve("moran.py");
        Files.writeString(script, """
                import sys, time
                import spatialx_connector
                from spatialx_connector import SpatialXConnector, ConnectorKeys
                connector = SpatialXConnector(domain="", token="", home=sys.argv[1])
                print("groups", sorted(dir(connector.analysis)))
                info = connector.parse_data_information(data_name="Toy", technology="XENIUM", data_path=sys.argv[2])
                result = connector.submit(group="Personal workspace", species="human", title="Moran",
                                          sample_name="Toy", sample_data=info, tracking=True)
                data_id = result[ConnectorKeys.SAMPLE_DATA.value][0][ConnectorKeys.DATA_ID.value]
                response = connector.analysis.spatial_statistics.morans_i(data_id=data_id, n_neighbors=6)
                print("analysis_id", response["analysis_id"])
                help(connector.analysis.spatial_statistics.morans_i)
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SpatialxCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("run", script.toString(), home.toString(), xenium.toString());
        assertEquals(0, exit, out + "\n" + err);
        String printed = out.toString();
        assertTrue(printed.contains("'spatial_statistics'"), printed);
        assertTrue(printed.contains("analysis_id AN-"), printed);
        assertTrue(printed.contains("Moran's I of 30 genes over 6 spatial neighbours"), printed);
        assertTrue(printed.contains("DONE."), printed);
        assertTrue(printed.contains("morans_i(n_neighbors=6, title=None, info_args={}, data_id=None, **kwargs)"), printed);

        Path table;
        try (Stream<Path> found = Files.walk(home.resolve("studies"))) {
            table = found.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("table")
                    && Files.isDirectory(p.resolve("var"))).findFirst().orElseThrow();
        }
        AnnDataTable anndata = AnnDataTable.open(table);
        double[] written = ((Column.Numeric) anndata.var("Moran's I")).values();
        double[] expected = bruteForce(anndata.expression().read(), anndata.obsm(AnnDataWriter.SPATIAL_CELL_CENTERS), 6);
        assertEquals(30, written.length);
        for (int gene = 0; gene < expected.length; gene++) {
            assertEquals(expected[gene], written[gene], 1e-9, anndata.geneNames().get(gene));
        }
        assertTrue(Arrays.stream(written).filter(i -> i > 0.1).count() > 0, Arrays.toString(written));
        assertTrue(anndata.ids(Slot.VAR).stream().anyMatch(id -> id.startsWith("AN-")));
    }

    /** Moran's I with row-standardised weights over the k nearest cells, every distance computed. */
    private static double[] bruteForce(ExpressionMatrix counts, DenseMatrix xy, int k) {
        int n = counts.cellCount();
        int[][] neighbours = new int[n][];
        for (int i = 0; i < n; i++) {
            int cell = i;
            neighbours[i] = java.util.stream.IntStream.range(0, n).filter(j -> j != cell).boxed()
                    .sorted(java.util.Comparator.comparingDouble(j -> Math.hypot(xy.get(cell, 0) - xy.get(j, 0),
                            xy.get(cell, 1) - xy.get(j, 1))))
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
        double[] moran = new double[counts.geneCount()];
        for (int gene = 0; gene < moran.length; gene++) {
            double[] x = new double[n];
            for (int cell = 0; cell < n; cell++) {
                x[cell] = Math.log1p(counts.get(cell, gene) / (counts.cellTotal(cell) / 1e4));
            }
            double mean = Arrays.stream(x).average().orElseThrow();
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                for (int j : neighbours[i]) {
                    num += (x[i] - mean) * (x[j] - mean) / k;
                }
                den += (x[i] - mean) * (x[i] - mean);
            }
            moran[gene] = num / den;
        }
        return moran;
    }
}
