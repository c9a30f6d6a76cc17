package org.spatialx.shell.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.spatialdata.ExportOptions;
import org.spatialx.shell.script.ConnectorFactory;
import org.spatialx.shell.script.DefaultConnectorFactory;
import org.spatialx.shell.script.SpatialxHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spatialx export}: a data set's table (with everything analyses added to it) to an
 * {@code .h5ad} that anndata and scanpy open, or its obs and obsm to CSV, read over the server's
 * {@code ucc.go/} gateway: the local server by default, a real SpatialX with {@code --domain}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a data set's table to an .h5ad file (anndata/scanpy), or its obs and obsm to CSV.",
                "Reads the local server of $SPATIALX_HOME, or a SpatialX server with --domain and --token."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA_ID", description = "The data set (DA-...).")
    String dataId;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "The file to write: .h5ad, or .csv for obs and obsm.")
    Path output;

    @Option(names = "--table", paramLabel = "NAME", description = "The table's name or id when the data set has several.")
    String table;

    @Option(names = "--domain", paramLabel = "URL", defaultValue = "",
            description = "A SpatialX server (default: the local server of the home).")
    String domain;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:SPATIALX_TOKEN}",
            description = "The token of --domain (default: $SPATIALX_TOKEN).")
    String token;

    @Option(names = "--home", paramLabel = "DIR", description = "The local server's home (default: $SPATIALX_HOME or ~/.spatialx).")
    Path home;

    @Override
    public Integer call() throws Exception {
        SpatialxHome spatialxHome = SpatialxHome.current();
        try (DefaultConnectorFactory connectors = new DefaultConnectorFactory(spatialxHome)) {
            SpatialXConnector connector = (SpatialXConnector) connectors.open(new ConnectorFactory.ConnectOptions(
                    domain, token, true, null, home == null ? null : home.toAbsolutePath().toString(), null));
            ExportOptions options = new ExportOptions(table);
            String name = output.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            String written = name.endsWith(".csv")
                    ? connector.exportObsCsv(dataId, output.toAbsolutePath().toString(), options)
                    : connector.exportAnndata(dataId, output.toAbsolutePath().toString(), options);
            spec.commandLine().getOut().println("Wrote " + written);
            return 0;
        }
    }
}
