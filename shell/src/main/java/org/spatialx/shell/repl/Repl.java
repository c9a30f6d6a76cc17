package org.spatialx.shell.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.PolyglotException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.spatialx.shell.script.ScriptLanguage;
import org.spatialx.shell.script.ScriptSession;

/**
 * The interactive shell: reads Python or JavaScript with JLine (history, multi-line input, tab
 * completion), evaluates it in a {@link ScriptSession}, prints one-line errors with the input
 * line, and cancels a running call on Ctrl-C without leaving.
 */
public final class Repl {

    private final ScriptSession session;
    private final Terminal terminal;
    private final Path history;

    /**
     * A REPL over {@code terminal}.
     *
     * @param history the history file (its folder is created)
     */
    public Repl(ScriptSession session, Terminal terminal, Path history) {
        this.session = session;
        this.terminal = terminal;
        this.history = history;
    }

    /** Reads and evaluates until end of input (Ctrl-D) or {@code exit()}; returns the exit status. */
    public int run() throws IOException {
        Files.createDirectories(history.toAbsolutePath().getParent());
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("spatialx")
                .parser(new ScriptLineParser(session))
                .completer(new ScriptCompleter(session))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "... ")
                .variable(LineReader.INDENTATION, 4)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_BRACKET, false)
                .build();
        PrintWriter out = terminal.writer();
        out.println(banner(session.language()));
        out.flush();
        int number = 0;
        while (true) {
            String input;
            try {
                input = reader.readLine(session.language().prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt clears the line, as in Python.
            } catch (EndOfFileException e) {
                return 0;
            }
            if (input.isBlank()) {
                continue;
            }
            number++;
            // Ctrl-C stops the call either through the interrupted worker thread (a blocking connector
            // call ends with KeyboardInterrupt) or through the guest interrupt, whichever comes first;
            // both are reported the same way.
            AtomicBoolean cancelled = new AtomicBoolean();
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
                cancelled.set(true);
                session.cancel();
            });
            try {
                session.evalInteractive(input, "input-" + number);
            } catch (PolyglotException e) {
                if (e.isExit()) {
                    return e.getExitStatus();
                }
                out.println(cancelled.get() || e.isInterrupted() || e.isCancelled() ? "Cancelled" : session.describe(e));
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                terminal.flush();
                out.flush();
            }
        }
    }

    private static String banner(ScriptLanguage language) {
        return "SpatialX shell (" + language.title() + ")\n" + language.connectExample()
                + "\nTab completes, help(connector.method) shows the docs, Ctrl-C cancels a call, Ctrl-D leaves.";
    }
}
