package org.spatialx.shell.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spatialx} command line: one launcher for every tool of the project. Subcommands
 * arrive with their features (serve, parse, shell, run, plugins).
 */
@Command(
        name = "spatialx",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "SpatialX Connector for Java: upload, parse, submit and analyse spatial-omics data.",
        subcommands = {VersionCommand.class, ServeCommand.class, ParseCommand.class, RunCommand.class, ExportCommand.class,
            ShellCommand.class, PluginsCommand.class, CommandLine.HelpCommand.class})
public final class SpatialxCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point of {@code ./spatialx}. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests execute it in-process. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new SpatialxCommand());
        // Everything after the script belongs to the script, options included: run x.py --verbose.
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }
}
