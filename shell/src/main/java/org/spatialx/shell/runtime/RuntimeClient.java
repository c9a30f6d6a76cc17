package org.spatialx.shell.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * The launcher's client of the {@link WarmRuntime}: a main class using java.base only, started with
 * minimal JVM flags and the shell jar alone, so that it is up in about a tenth of a second.
 *
 * <p>{@code RuntimeClient SOCKET MARKER COMMAND...} sends the command, the working directory, the
 * environment and whether standard output is a terminal, then copies the runtime's output here, feeds it
 * standard input as the command reads it, forwards Ctrl-C and exits with the command's exit code. When
 * the command did not run there (no runtime, a crashed one, a busy one, an older build) it writes why
 * into the file {@code MARKER} and exits: the launcher then runs the command in-process. Nothing has run
 * then, so running it in-process is safe. {@code RuntimeClient SOCKET - runtime status|stop} asks the
 * runtime about itself.
 *
 * <p>{@code shell} (the launcher attaches it only when standard input and output are a terminal) is a
 * terminal session: the local terminal goes raw ({@link ClientTerminal}) and the runtime's JLine terminal
 * gets every key, Ctrl-C included, and the window's size as it changes.
 */
public final class RuntimeClient {

    /** How long connecting and the runtime's first answer may take before the command runs in-process instead. */
    static final long ANSWER_MILLIS = 5_000;
    /** How long after Ctrl-C the client waits for the command to stop before it leaves all the same. */
    static final long CANCEL_GRACE_MILLIS = 10_000;

    private RuntimeClient() {
    }

    /** Entry point of the launcher's attach. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: RuntimeClient SOCKET MARKER COMMAND...");
            System.exit(2);
        }
        Path socket = Path.of(args[0]);
        List<String> command = Arrays.asList(args).subList(2, args.length);
        if (command.size() == 2 && command.get(0).equals("runtime")) {
            System.exit(manage(socket, command.get(1)));
        }
        Path marker = Path.of(args[1]);
        int code;
        ClientTerminal terminal = null;
        Invocation invocation = Invocation.ofProcess();
        try {
            Consumer<Controls> attached = controls -> Signal.handle(new Signal("INT"), signal -> controls.interrupt());
            if (command.get(0).equals("shell")) {
                try {
                    terminal = ClientTerminal.open(invocation.getenv("TERM"));
                } catch (IOException e) {
                    throw new NotAttached("absent: no terminal to attach (" + e.getMessage() + ")");
                }
                attached = terminal::attach;
            }
            code = run(socket, command, invocation, terminal == null ? null : terminal.window(), System.in,
                    new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err), attached);
        } catch (NotAttached e) {
            try {
                Files.writeString(marker, e.getMessage());
            } catch (IOException unwritable) {
                System.err.println("spatialx: cannot write " + marker + ": " + unwritable.getMessage());
            }
            code = 0;
        } finally {
            if (terminal != null) {
                terminal.restore();
            }
        }
        System.exit(code);
    }

    /** {@code ./spatialx runtime status|stop}. */
    private static int manage(Path socket, String action) {
        byte kind = switch (action) {
            case "status" -> RuntimeProtocol.STATUS;
            case "stop" -> RuntimeProtocol.STOP;
            default -> 0;
        };
        if (kind == 0) {
            System.err.println("spatialx runtime: unknown action '" + action + "'; use status or stop");
            return 2;
        }
        try (SocketChannel channel = connect(socket)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            hello(socket, kind, List.of(), Invocation.ofProcess(), null).write(out);
            byte answer = in.readByte();
            if (answer != RuntimeProtocol.ACCEPTED) {
                System.out.println("the warm runtime answered " + describe(answer));
                return answer == RuntimeProtocol.OUTDATED ? 0 : 1;
            }
            System.out.println(RuntimeProtocol.readString(in));
            return 0;
        } catch (IOException | NotAttached e) {
            System.out.println("no warm runtime is running (" + socket + ")");
            return 0;
        }
    }

    /**
     * Runs {@code command} in the runtime listening on {@code socket}, with {@code invocation}'s working
     * directory, environment and terminal; the command's output goes to {@code out} and {@code err}.
     *
     * @param ctrlC        receives what Ctrl-C runs (main: on SIGINT): cancels the command
     * @return the command's exit code
     * @throws NotAttached when the command did not start there (its message says why)
     */
    static int run(Path socket, List<String> command, Invocation invocation, InputStream stdin, OutputStream out,
                   OutputStream err, Consumer<Runnable> ctrlC) throws NotAttached {
        return run(socket, command, invocation, null, stdin, out, err, controls -> ctrlC.accept(controls::interrupt));
    }

    /**
     * Runs {@code command} as {@link #run(Path, List, Invocation, InputStream, OutputStream, OutputStream, Consumer)}
     * does; with a {@code window}, as a terminal session: {@code stdin}'s bytes are the keys, sent as they
     * come, and {@code out} the screen.
     *
     * @param window   the terminal of a terminal session, or null
     * @param attached receives the session's controls once the runtime has accepted it (main: makes the
     *                 terminal raw, forwards SIGINT and window changes)
     */
    static int run(Path socket, List<String> command, Invocation invocation, RuntimeProtocol.Window window,
                   InputStream stdin, OutputStream out, OutputStream err, Consumer<Controls> attached) throws NotAttached {
        SocketChannel channel;
        DataOutputStream toRuntime;
        DataInputStream fromRuntime;
        try {
            channel = connect(socket);
            toRuntime = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            fromRuntime = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            hello(socket, RuntimeProtocol.RUN, command, invocation, window).write(toRuntime);
            byte answer = answerWithin(channel, fromRuntime);
            if (answer != RuntimeProtocol.ACCEPTED) {
                channel.close();
                throw new NotAttached(describe(answer));
            }
        } catch (IOException e) {
            throw new NotAttached("absent: " + e.getMessage());
        }
        Attached session = new Attached(channel, toRuntime, fromRuntime, stdin, out, err, window != null);
        attached.accept(session);
        return session.run();
    }

    private static RuntimeProtocol.Hello hello(Path socket, byte kind, List<String> command, Invocation invocation,
                                               RuntimeProtocol.Window window) throws NotAttached {
        String secret;
        try {
            secret = Files.readString(RuntimeProtocol.secretFile(socket)).strip();
        } catch (IOException e) {
            throw new NotAttached("absent: no secret (" + e.getMessage() + ")");
        }
        return new RuntimeProtocol.Hello(secret, kind, command, invocation.workingDirectory(), invocation.environment(),
                invocation.terminal(), window);
    }

    /** Connects within {@link #ANSWER_MILLIS}: a socket file without a runtime fails at once, a full backlog times out. */
    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.configureBlocking(false);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                try (Selector selector = Selector.open()) {
                    channel.register(selector, SelectionKey.OP_CONNECT);
                    if (selector.select(ANSWER_MILLIS) == 0) {
                        throw new IOException("the runtime did not accept within " + ANSWER_MILLIS + " ms");
                    }
                }
                channel.finishConnect();
            }
            channel.configureBlocking(true);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The runtime's status byte; a runtime that does not answer within {@link #ANSWER_MILLIS} is treated as absent. */
    private static byte answerWithin(SocketChannel channel, DataInputStream in) throws IOException {
        AtomicBoolean answered = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(ANSWER_MILLIS);
                if (!answered.get()) {
                    channel.close();
                }
            } catch (InterruptedException | IOException e) {
                // answered in time
            }
        }, "spatialx-client-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return in.readByte();
        } finally {
            answered.set(true);
            watchdog.interrupt();
        }
    }

    private static String describe(byte answer) {
        return switch (answer) {
            case RuntimeProtocol.BUSY -> "busy: it runs another command";
            case RuntimeProtocol.OUTDATED -> "outdated: the project was built again since it started";
            case RuntimeProtocol.REFUSED -> "refused: wrong secret or protocol version";
            default -> "absent: unexpected answer " + answer;
        };
    }

    /** The command did not start in the runtime; the message (its first word: absent, busy, outdated, refused) says why. */
    static final class NotAttached extends Exception {
        NotAttached(String why) {
            super(why);
        }
    }

    /** What the client does to a running command besides its input: Ctrl-C, and a terminal session's new window size. */
    interface Controls {
        /** Ctrl-C: cancels the command; in a terminal session, the Ctrl-C key. */
        void interrupt();

        /** The terminal of a terminal session has a new size. */
        void resize(RuntimeProtocol.Window window);
    }

    /** A command running in the runtime, seen from here. */
    private static final class Attached implements Controls {
        private final SocketChannel channel;
        private final DataOutputStream toRuntime;
        private final DataInputStream fromRuntime;
        private final InputStream stdin;
        private final OutputStream out;
        private final OutputStream err;
        private final AtomicBoolean interrupted = new AtomicBoolean();
        private final ExecutorService inputReader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "spatialx-client-input");
            thread.setDaemon(true);
            return thread;
        });
        private final boolean terminalSession;
        private boolean inputEnded;

        Attached(SocketChannel channel, DataOutputStream toRuntime, DataInputStream fromRuntime, InputStream stdin,
                 OutputStream out, OutputStream err, boolean terminalSession) {
            this.channel = channel;
            this.toRuntime = toRuntime;
            this.fromRuntime = fromRuntime;
            this.stdin = stdin;
            this.out = out;
            this.err = err;
            this.terminalSession = terminalSession;
        }

        int run() {
            if (terminalSession) {
                inputReader.execute(this::sendKeys);
            }
            try (channel) {
                while (true) {
                    byte type = fromRuntime.readByte();
                    byte[] payload = RuntimeProtocol.readPayload(fromRuntime);
                    switch (type) {
                        case RuntimeProtocol.OUT -> write(out, payload);
                        case RuntimeProtocol.ERR -> write(err, payload);
                        case RuntimeProtocol.READ -> inputReader.execute(() -> sendInput(RuntimeProtocol.intOf(payload)));
                        case RuntimeProtocol.EXIT -> {
                            return RuntimeProtocol.intOf(payload);
                        }
                        default -> throw new IOException("unknown frame " + type);
                    }
                }
            } catch (IOException e) {
                if (interrupted.get()) {
                    return RuntimeProtocol.INTERRUPTED_EXIT;
                }
                String reason = e instanceof EOFException ? "" : " (" + e.getMessage() + ")";
                // a terminal session's terminal is still raw: a newline alone would not return the cursor
                write(err, ("spatialx: the warm runtime stopped before the command finished" + reason
                        + "; run it again, or with SPATIALX_RUNTIME=0 to run it in this process"
                        + (terminalSession ? "\r\n" : "\n")).getBytes());
                return 1;
            }
        }

        private static void write(OutputStream stream, byte[] bytes) {
            try {
                stream.write(bytes);
                stream.flush();
            } catch (IOException e) {
                // standard output closed (| head): the command runs on, as it would in-process until it writes
            }
        }

        /** Reads at most {@code max} bytes of standard input (when the command asks) and sends them; none at the end. */
        private void sendInput(int max) {
            byte[] buffer = new byte[Math.max(1, max)];
            int count = 0;
            if (!inputEnded) {
                try {
                    count = Math.max(0, stdin.read(buffer, 0, buffer.length));
                } catch (IOException e) {
                    count = 0;
                }
                inputEnded = count == 0;
            }
            send(RuntimeProtocol.IN, buffer, count);
        }

        /** Sends one frame; a runtime that has left is the frame loop's to report. */
        private void send(byte type, byte[] bytes, int length) {
            try {
                RuntimeProtocol.writeFrame(toRuntime, type, bytes, 0, length);
            } catch (IOException e) {
                // the runtime left; the frame loop reports it
            }
        }

        /** A terminal session's input: the keys as they are typed, unasked; none at the end. */
        private void sendKeys() {
            byte[] buffer = new byte[4096];
            try {
                int count;
                while ((count = stdin.read(buffer)) > 0) {
                    RuntimeProtocol.writeFrame(toRuntime, RuntimeProtocol.IN, buffer, 0, count);
                }
                RuntimeProtocol.writeFrame(toRuntime, RuntimeProtocol.IN, buffer, 0, 0);
            } catch (IOException e) {
                // the runtime left, or the terminal: the frame loop reports the one, the runtime sees the other
            }
        }

        @Override
        public void resize(RuntimeProtocol.Window window) {
            send(RuntimeProtocol.RESIZE, window.sizeFrame(), 8);
        }

        /**
         * Ctrl-C: the runtime cancels the command, which then ends with 130. A command that does not stop
         * within {@link #CANCEL_GRACE_MILLIS}, or a second Ctrl-C, closes the connection: {@link #run()}
         * returns 130 all the same (the runtime cancels a command whose client left). In a terminal session
         * it is the Ctrl-C key (a SIGINT from elsewhere: typed, the key is sent as it is): the REPL cancels
         * the running call and stays.
         */
        @Override
        public void interrupt() {
            if (terminalSession) {
                send(RuntimeProtocol.INTERRUPT, new byte[0], 0);
                return;
            }
            if (!interrupted.compareAndSet(false, true)) {
                leave();
                return;
            }
            try {
                RuntimeProtocol.writeFrame(toRuntime, RuntimeProtocol.INTERRUPT, new byte[0], 0, 0);
            } catch (IOException e) {
                leave();
                return;
            }
            Thread grace = new Thread(() -> {
                try {
                    Thread.sleep(CANCEL_GRACE_MILLIS);
                    leave();
                } catch (InterruptedException e) {
                    // ended in time
                }
            }, "spatialx-client-cancel");
            grace.setDaemon(true);
            grace.start();
        }

        private void leave() {
            try {
                channel.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }
}
