package org.spatialx.shell.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spatialx version}: the project version and the Java runtime in use. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of SpatialX and of the Java runtime.")
public final class VersionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return 0;
    }

    /** Version lines shared by {@code spatialx version} and {@code spatialx --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SpatialxCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "spatialx " + (version == null ? "development build" : version),
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ")"
            };
        }
    }
}
