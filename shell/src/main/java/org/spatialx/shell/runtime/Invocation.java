package org.spatialx.shell.runtime;

import java.io.Console;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What one command sees of the world it was started from: its working directory, its environment and
 * whether its standard output is a terminal. In-process these are the process's own; in the warm
 * runtime ({@link WarmRuntime}) they are the client's, set for the duration of its command (the runtime
 * runs one command at a time, as it swaps {@code System.out}). Everything in the shell that turns a
 * script's string into a local path, reads an environment variable or asks whether it draws on a
 * terminal goes through {@link #current()}. Uses java.base only: the runtime's client loads it.
 *
 * @param workingDirectory the absolute directory relative paths start from
 * @param environment      the environment variables
 * @param terminal         true when standard output is an interactive terminal
 */
public record Invocation(Path workingDirectory, Map<String, String> environment, boolean terminal) {

    private static final Invocation PROCESS = new Invocation(Path.of("").toAbsolutePath(), System.getenv(),
            outputIsTerminal());
    private static volatile Invocation current;

    /** An absolute directory and an unmodifiable copy of the environment. */
    public Invocation {
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("The working directory must be absolute, got " + workingDirectory);
        }
        environment = Map.copyOf(environment);
    }

    /** The invocation of the running command: the client's in the warm runtime, else the process's own. */
    public static Invocation current() {
        Invocation invocation = current;
        return invocation == null ? PROCESS : invocation;
    }

    /** The process's own working directory, environment and terminal. */
    public static Invocation ofProcess() {
        return PROCESS;
    }

    /**
     * Makes {@code invocation} the {@link #current()} one until the returned scope is closed (the warm
     * runtime around each client's command; tests).
     */
    public static Scope use(Invocation invocation) {
        Invocation previous = current;
        current = Objects.requireNonNull(invocation, "invocation");
        return () -> current = previous;
    }

    /** Closing it restores the invocation that was current before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The environment variable {@code name}, or null. */
    public String getenv(String name) {
        return environment.get(name);
    }

    /** A local path as the user wrote it, resolved against this working directory when relative. */
    public Path resolve(String path) {
        return resolve(Path.of(path));
    }

    /** {@code path}, resolved against this working directory when relative. */
    public Path resolve(Path path) {
        return workingDirectory.resolve(path);
    }

    /**
     * True when this process's standard output is an interactive terminal (not a pipe or a file):
     * {@code System.console()} and, from JDK 22, {@code Console.isTerminal()}.
     */
    public static boolean outputIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22; the code is compiled for 21.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
