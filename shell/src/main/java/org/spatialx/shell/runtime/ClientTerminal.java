package org.spatialx.shell.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * The terminal {@link RuntimeClient} sits in during a terminal session ({@code spatialx shell} attached to
 * the warm runtime), as ssh handles the local terminal: raw while attached (no echo, no line editing, no
 * signals: every key, Ctrl-C included, goes to the runtime, whose JLine terminal applies the line
 * discipline), its settings restored whatever the end (the command's exit, an exception, SIGTERM or
 * SIGHUP through a shutdown hook), and its size sent again when the window changes. Java.base only; the
 * settings go through {@code stty} on {@code /dev/tty}, as the JDK offers no termios.
 */
final class ClientTerminal {

    private static final File TTY = new File("/dev/tty");
    /** How often the size is read when SIGWINCH cannot be handled. */
    private static final long POLL_MILLIS = 500;

    private final String saved;
    private final RuntimeProtocol.Window window;
    private final AtomicBoolean raw = new AtomicBoolean();
    /** The size last sent. */
    private RuntimeProtocol.Window current;

    private ClientTerminal(String saved, RuntimeProtocol.Window window) {
        this.saved = saved;
        this.window = window;
        this.current = window;
    }

    /**
     * The controlling terminal with its settings saved, its type ({@code $TERM}) and size.
     *
     * @throws IOException when there is no terminal or {@code stty} cannot read it
     */
    static ClientTerminal open(String type) throws IOException {
        // one process for both: each costs milliseconds before the first prompt
        List<String> lines = stty("-g; stty size").lines().toList();
        if (lines.size() != 2) {
            throw new IOException("stty printed " + lines + ", not the settings and the size");
        }
        return new ClientTerminal(lines.get(0), size(type == null || type.isBlank() ? "dumb" : type, lines.get(1)));
    }

    RuntimeProtocol.Window window() {
        return window;
    }

    /**
     * Makes the terminal raw and hands the session the local events: a changed window size, and SIGINT
     * sent to this process from elsewhere ({@code kill -INT}; typed, Ctrl-C is a key like any other).
     */
    void attach(RuntimeClient.Controls session) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::restore, "spatialx-client-terminal"));
        try {
            stty("raw -echo");
            raw.set(true);
        } catch (IOException e) {
            System.err.println("spatialx: cannot make the terminal raw (" + e.getMessage() + "); keys are echoed twice");
        }
        Signal.handle(new Signal("INT"), signal -> session.interrupt());
        try {
            Signal.handle(new Signal("WINCH"), signal -> resized(session));
        } catch (IllegalArgumentException noWinch) {
            Thread poll = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    resized(session);
                }
            }, "spatialx-client-window");
            poll.setDaemon(true);
            poll.start();
        }
    }

    private synchronized void resized(RuntimeClient.Controls session) {
        try {
            RuntimeProtocol.Window now = size(window.type(), stty("size").strip());
            if (!now.equals(current)) {
                current = now;
                session.resize(now);
            }
        } catch (IOException e) {
            // the terminal went away: the session ends with its input
        }
    }

    /** Puts back the settings the terminal had before the session; once, whichever end comes first. */
    void restore() {
        if (raw.compareAndSet(true, false)) {
            try {
                stty(saved);
            } catch (IOException e) {
                System.err.println("spatialx: cannot restore the terminal (" + e.getMessage() + "); type: stty sane");
            }
        }
    }

    private static RuntimeProtocol.Window size(String type, String rowsColumns) throws IOException {
        String[] numbers = rowsColumns.strip().split("\\s+");
        try {
            return new RuntimeProtocol.Window(type, Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]));
        } catch (RuntimeException e) {
            throw new IOException("stty size printed '" + rowsColumns + "'");
        }
    }

    /** Runs {@code stty ARGUMENTS} on the controlling terminal; its output. */
    private static String stty(String arguments) throws IOException {
        Process stty = new ProcessBuilder("/bin/sh", "-c", "stty " + arguments)
                .redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (stty.waitFor() != 0) {
                throw new IOException("stty " + arguments + " failed (exit " + stty.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stty " + arguments + " interrupted");
        }
        return out;
    }
}
