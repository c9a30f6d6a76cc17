package org.spatialx.shell.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.spatialx.shell.runtime.Invocation;
import org.spatialx.shell.script.ScriptLanguage;
import org.spatialx.shell.script.ScriptRuntime;
import org.spatialx.shell.script.ScriptSession;
import org.spatialx.shell.script.SpatialxHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code spatialx run script.py|script.js [args]}: runs a script with the notebook API. Exit code
 * 0 on success, the script's own on {@code sys.exit(n)}, 1 with {@code file:line: message} on
 * stderr when it fails, 2 when the script cannot be found.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a Python (.py) or JavaScript (.js) script with the SpatialX notebook API.",
            "Python: import spatialx_connector; sys.argv and os.environ. JavaScript: globals, argv and env.",
            "With an empty DOMAIN the script's local server reads any local path you can read (read-only)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the script finished", "1:the script failed (file:line: message on stderr)",
            "2:the script was not found or has an unknown extension", "n:the script called sys.exit(n)"})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    MountOption mountOption = new MountOption();

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the script: a .py or .js file")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments given to the script (sys.argv[1:], argv.slice(1))")
    List<String> arguments = new ArrayList<>();

    /** The warm runtime's engine (its languages initialised already), or null: a new engine for this run. */
    Engine sharedEngine;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Invocation invocation = Invocation.current();
        Path file = invocation.resolve(script);
        if (!Files.isRegularFile(file)) {
            err.println("spatialx run: no such script: " + file);
            err.flush();
            return 2;
        }
        ScriptLanguage language;
        try {
            language = ScriptLanguage.ofFile(script);
        } catch (IllegalArgumentException e) {
            err.println("spatialx run: " + e.getMessage());
            err.flush();
            return 2;
        }
        quietLibraryLogs();
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(arguments);
        PrintWriterOutputStream out = new PrintWriterOutputStream(spec.commandLine().getOut());
        PrintWriterOutputStream errors = new PrintWriterOutputStream(err);
        // progress goes where the script's errors go: the command's standard error
        ScriptRuntime runtime = ScriptFeatures.standard(SpatialxHome.current(), mountOption.resolved(),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
        if (sharedEngine != null) {
            runtime.sharing(sharedEngine);
        }
        try (runtime;
             ScriptSession session = runtime.open(language, argv, out, errors, System.in, invocation.workingDirectory())) {
            try {
                session.runFile(file, script.toString());
                return 0;
            } catch (PolyglotException e) {
                if (e.isExit()) {
                    return e.getExitStatus();
                }
                out.flush();
                err.println(session.describe(e));
                return 1;
            }
        } finally {
            out.flush();
            errors.flush();
        }
    }

    /** Library INFO logs (PF4J, jHDF) would interleave with the script's output (warnings still show); AWT headless. */
    static void quietLibraryLogs() {
        // Pictures are drawn off-screen; never try to reach a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
