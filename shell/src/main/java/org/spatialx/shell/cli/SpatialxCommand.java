package org.spatialx.shell.cli;

import org.graalvm.polyglot.Engine;
import org.jline.terminal.Terminal;
import org.spatialx.shell.runtime.Invocation;
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
        subcommands = {VersionCommand.class, ServeCommand.class, ParseCommand.class, RunCommand.class, ExportCommand.class, UploadCommand.class,
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
        cli.setExecutionExceptionHandler(SpatialxCommand::reportFailure);
        return cli;
    }

    /**
     * The command line of the warm runtime ({@link org.spatialx.shell.runtime.WarmRuntime}): {@code run}
     * and {@code shell} make their contexts from {@code sharedEngine}, whose languages are initialised
     * already; {@code shell} reads and draws on {@code clientTerminal} (a client's terminal session), or
     * on this process's terminal when it is null.
     */
    public static CommandLine newCommandLine(Engine sharedEngine, Terminal clientTerminal) {
        CommandLine cli = newCommandLine();
        ((RunCommand) cli.getSubcommands().get("run").getCommand()).sharedEngine = sharedEngine;
        ShellCommand shell = (ShellCommand) cli.getSubcommands().get("shell").getCommand();
        shell.sharedEngine = sharedEngine;
        shell.clientTerminal = clientTerminal;
        return cli;
    }

    /**
     * A command that fails unexpectedly prints one line, {@code spatialx parse: <what went wrong>},
     * and exits 1; its stack trace only when {@code SPATIALX_DEBUG} is set (a bug report needs it, a
     * user does not).
     */
    private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        java.io.PrintWriter err = command.getErr();
        String message = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.toString() : failure.getMessage();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message);
        String debug = Invocation.current().getenv("SPATIALX_DEBUG");
        if (debug != null && !debug.isBlank() && !debug.equals("0")) {
            failure.printStackTrace(err);
        } else {
            err.println("(set SPATIALX_DEBUG=1 to see where it failed)");
        }
        err.flush();
        return 1;
    }
}
