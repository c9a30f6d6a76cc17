package org.spatialx.shell.cli;

import java.util.concurrent.Callable;
import org.graalvm.polyglot.Engine;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.spatialx.shell.repl.Repl;
import org.spatialx.shell.runtime.Invocation;
import org.spatialx.shell.script.ScriptLanguage;
import org.spatialx.shell.script.ScriptRuntime;
import org.spatialx.shell.script.ScriptSession;
import org.spatialx.shell.script.SpatialxHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spatialx shell [--lang python|js]}: the interactive Python or JavaScript shell with the notebook API. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Interactive Python (GraalPy) or JavaScript (GraalJS) shell with the SpatialX notebook API.",
            "History is kept in the SpatialX home; Tab completes methods, keywords and enum members;",
            "help(connector.method) shows its documentation; Ctrl-C cancels a running call."})
public final class ShellCommand implements Callable<Integer> {

    @Option(names = "--lang", paramLabel = "LANGUAGE", defaultValue = "python",
            description = "python (default) or js", converter = LanguageConverter.class)
    ScriptLanguage language;

    @CommandLine.Mixin
    MountOption mountOption = new MountOption();

    /** The warm runtime's engine (its languages initialised already), or null: a new engine for this shell. */
    Engine sharedEngine;

    /** The terminal of a client attached to the warm runtime (which closes it), or null: this process's. */
    Terminal clientTerminal;

    @Override
    public Integer call() throws Exception {
        RunCommand.quietLibraryLogs();
        SpatialxHome home = SpatialxHome.current();
        Terminal terminal = clientTerminal != null ? clientTerminal
                : TerminalBuilder.builder().system(true).dumb(true).name("spatialx").build();
        ScriptRuntime runtime = ScriptFeatures.standard(home, mountOption.resolved(), System.err);
        if (sharedEngine != null) {
            runtime.sharing(sharedEngine);
        }
        try (Terminal owned = clientTerminal == null ? terminal : null;
             runtime;
             ScriptSession session = runtime.openInteractive(language, terminal.output(), System.in,
                     Invocation.current().workingDirectory())) {
            return new Repl(session, terminal, home.history(language)).run();
        }
    }

    static final class LanguageConverter implements CommandLine.ITypeConverter<ScriptLanguage> {
        @Override
        public ScriptLanguage convert(String value) {
            try {
                return ScriptLanguage.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
