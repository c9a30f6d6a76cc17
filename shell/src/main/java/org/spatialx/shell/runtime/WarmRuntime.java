package org.spatialx.shell.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Engine;
import org.jline.terminal.Terminal;
import org.spatialx.shell.cli.SpatialxCommand;
import org.spatialx.shell.repl.Repl;
import org.spatialx.shell.script.ScriptEngines;
import org.spatialx.shell.script.ScriptLanguage;
import org.spatialx.shell.script.ScriptRuntime;
import org.spatialx.shell.script.ScriptSession;
import org.spatialx.shell.script.SpatialxHome;
import picocli.CommandLine;

/**
 * The per-user warm runtime that {@code ./spatialx run} and {@code upload} attach to, as Gradle's
 * daemon: one JVM whose GraalVM engine has its languages initialised, listening on a Unix domain socket
 * in a 0700 folder of the home, answering only clients that send the secret of its 0600 file. It runs
 * one command at a time (a busy runtime sends {@link RuntimeProtocol#BUSY}: the client runs the command
 * in-process), each in a fresh script context with the client's standard streams, working directory
 * and environment ({@link Invocation}). It stops after an idle time, when asked
 * ({@code ./spatialx runtime stop}) and when the build it was started from is replaced.
 */
public final class WarmRuntime implements AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path socket;
    private final Path secretFile;
    private final Path buildStamp;
    private final FileTime build;
    private final Duration idleLimit;
    private final String secret;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startedNanos = System.nanoTime();
    private volatile long lastUsedNanos = System.nanoTime();
    private Engine engine;
    private volatile String warmth = "no script engine yet (it starts with the first script)";

    private WarmRuntime(Path socket, Path buildStamp, Duration idleLimit, FileChannel lockChannel, FileLock lock)
            throws IOException {
        this.socket = socket;
        this.secretFile = RuntimeProtocol.secretFile(socket);
        this.buildStamp = buildStamp;
        this.build = modified(buildStamp);
        this.idleLimit = idleLimit;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.secret = HexFormat.of().formatHex(randomBytes());
        writeSecret();
        // We hold the lock, so no other runtime lives: a socket file left here is a crashed runtime's.
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, OWNER_ONLY_FILE);
    }

    /**
     * Starts a runtime listening on {@code socket} (created with its folder, 0700), or returns null when
     * another runtime holds that socket's lock (it runs, or is starting).
     *
     * @param buildStamp the file every build rewrites: a newer one stops this runtime
     * @param idleLimit  how long the runtime waits for a command before it stops
     * @param warmUp     true to make the engine and a context of each language at once, in the background
     */
    public static WarmRuntime start(Path socket, Path buildStamp, Duration idleLimit, boolean warmUp) throws IOException {
        Path folder = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        }
        Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
        if (!Files.getOwner(folder).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(folder + " belongs to another user: a runtime is never shared between users");
        }
        Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null; // a runtime of this very process holds it (tests)
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        WarmRuntime runtime = new WarmRuntime(socket.toAbsolutePath(), buildStamp, idleLimit, channel, lock);
        runtime.startThreads(warmUp);
        return runtime;
    }

    /**
     * {@code java ... WarmRuntime SOCKET BUILD_STAMP IDLE_SECONDS}: what the launcher starts, detached,
     * when a command found no runtime. Exits when the runtime stops.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: WarmRuntime SOCKET BUILD_STAMP IDLE_SECONDS");
            System.exit(2);
        }
        WarmRuntime runtime = start(Path.of(args[0]), Path.of(args[1]), Duration.ofSeconds(Long.parseLong(args[2])),
                true);
        if (runtime == null) {
            System.exit(0); // another runtime listens, or is starting
        }
        runtime.awaitStopped();
        System.exit(0);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The secret goes to a 0600 file renamed into place: a client never reads half of it. */
    private void writeSecret() throws IOException {
        Path temporary = secretFile.resolveSibling(secretFile.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(temporary, secret);
        Files.move(temporary, secretFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void startThreads(boolean warmUp) {
        if (warmUp) {
            daemon("spatialx-runtime-warm-up", this::warmUp).start();
        }
        Thread accept = new Thread(this::acceptLoop, "spatialx-runtime-accept");
        accept.start();
        long checkMillis = Math.max(200, Math.min(10_000, idleLimit.toMillis() / 4));
        daemon("spatialx-runtime-watch", () -> {
            while (stopped.getCount() > 0) {
                try {
                    Thread.sleep(checkMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (outdated() || (!busy.get() && System.nanoTime() - lastUsedNanos > idleLimit.toNanos())) {
                    close();
                }
            }
        }).start();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The shared engine, and one context of each language made and closed, so that the first command finds them warm. */
    private void warmUp() {
        warmth = "warming up";
        try {
            Engine shared = engine();
            SpatialxHome home = SpatialxHome.current();
            for (ScriptLanguage language : ScriptLanguage.values()) {
                try (ScriptRuntime runtime = new ScriptRuntime(home, options -> {
                        throw new IllegalStateException("no connector while warming up");
                    }).sharing(shared);
                     ScriptSession session = runtime.open(language, List.of(""), OutputStream.nullOutputStream(),
                             OutputStream.nullOutputStream(), InputStream.nullInputStream(), Path.of("").toAbsolutePath())) {
                    session.language();
                    warmUpRepl(session);
                }
            }
            warmth = "warm (JavaScript and Python)";
        } catch (RuntimeException | Error e) {
            warmth = "warming up failed: " + e;
            System.err.println("spatialx runtime: warming up failed (commands still run): " + e);
        }
    }

    /**
     * One line through the REPL on a terminal session's terminal, unseen: loads the line reader, its display
     * and the terminal's capabilities, so that the first attached shell starts as fast as the next ones.
     */
    private static void warmUpRepl(ScriptSession session) {
        String type = System.getenv().getOrDefault("TERM", "xterm-256color");
        Path history = null;
        try (SocketTerminal terminal = new SocketTerminal(new RuntimeProtocol.Window(type, 24, 80),
                OutputStream.nullOutputStream())) {
            history = Files.createTempFile("spatialx-warm-up", ".history");
            terminal.keys("1+1\n".getBytes(StandardCharsets.UTF_8));
            terminal.endOfInput();
            new Repl(session, terminal, history).run();
        } catch (IOException | InterruptedException e) {
            System.err.println("spatialx runtime: warming up the shell failed (it still runs): " + e);
        } finally {
            if (history != null) {
                try {
                    Files.deleteIfExists(history);
                } catch (IOException e) {
                    // a temporary file
                }
            }
        }
    }

    private synchronized Engine engine() {
        if (engine == null) {
            engine = ScriptEngines.create(SpatialxHome.current().languageCache());
        }
        return engine;
    }

    private void acceptLoop() {
        while (stopped.getCount() > 0) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                System.err.println("spatialx runtime: accept failed: " + e);
                continue;
            }
            // one thread per connection: a client that connects and says nothing holds up nobody
            daemon("spatialx-runtime-client", () -> serve(client)).start();
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
            RuntimeProtocol.Hello hello = RuntimeProtocol.Hello.read(in, secret);
            if (hello == null) {
                out.writeByte(RuntimeProtocol.REFUSED);
                out.flush();
                // what the client sent after the secret is read and dropped: closing on unread bytes would
                // reset the connection before the client reads the answer
                in.skipNBytes(Math.min(in.available(), RuntimeProtocol.MAX_LENGTH));
                client.shutdownOutput();
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            if (outdated()) {
                out.writeByte(RuntimeProtocol.OUTDATED);
                out.flush();
                close();
                return;
            }
            switch (hello.kind()) {
                case RuntimeProtocol.STATUS -> answer(out, status());
                case RuntimeProtocol.STOP -> {
                    answer(out, "the warm runtime (pid " + ProcessHandle.current().pid() + ") stops"
                            + (busy.get() ? " when its command ends" : ""));
                    close();
                }
                case RuntimeProtocol.RUN -> {
                    if (!busy.compareAndSet(false, true)) {
                        out.writeByte(RuntimeProtocol.BUSY);
                        out.flush();
                        return;
                    }
                    try {
                        out.writeByte(RuntimeProtocol.ACCEPTED);
                        out.flush();
                        new Command(hello, in, out).run(this::release);
                    } finally {
                        release();
                    }
                }
                default -> {
                    out.writeByte(RuntimeProtocol.REFUSED);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to tell anyone
        } catch (RuntimeException | Error e) {
            System.err.println("spatialx runtime: a command failed unexpectedly: " + e);
            e.printStackTrace();
        }
    }

    /** The command has ended: the next client may attach (before its exit code goes out, so a script's next command finds the runtime free). */
    private void release() {
        lastUsedNanos = System.nanoTime();
        busy.set(false);
    }

    private static void answer(DataOutputStream out, String text) throws IOException {
        out.writeByte(RuntimeProtocol.ACCEPTED);
        RuntimeProtocol.writeString(out, text);
        out.flush();
    }

    /** What {@code ./spatialx runtime status} prints. */
    private String status() {
        Runtime jvm = Runtime.getRuntime();
        long used = (jvm.totalMemory() - jvm.freeMemory()) >> 20;
        return "warm runtime: pid " + ProcessHandle.current().pid()
                + ", up " + minutes(System.nanoTime() - startedNanos)
                + (busy.get() ? ", running a command" : ", idle for " + minutes(System.nanoTime() - lastUsedNanos)
                        + " (stops after " + idleLimit.toMinutes() + " min idle)") + "; script engine: " + warmth
                + "\n  heap: " + used + " MB used, " + (jvm.totalMemory() >> 20) + " MB held, at most " + (jvm.maxMemory() >> 20)
                + " MB" + residentMemory() + "; JVM " + ManagementFactory.getRuntimeMXBean().getVmVersion()
                + "\n  socket: " + socket + "\n  build: " + buildStamp + " of " + build;
    }

    /** {@code , resident 412 MB} on Linux (the process's VmRSS), else nothing. */
    private static String residentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> ", resident " + (Long.parseLong(line.replaceAll("\\D", "")) >> 10) + " MB")
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String minutes(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }

    /** True when the build this runtime was started from has been replaced (or removed). */
    private boolean outdated() {
        try {
            return !modified(buildStamp).equals(build);
        } catch (IOException gone) {
            return true;
        }
    }

    private static FileTime modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file);
    }

    /** Blocks until the runtime has stopped and its command, if any, has ended. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
        while (busy.get()) {
            Thread.sleep(100);
        }
    }

    /** Stops accepting commands and removes the socket and the secret; a running command finishes. */
    @Override
    public void close() {
        synchronized (stopped) {
            if (stopped.getCount() == 0) {
                return;
            }
            try {
                server.close();
                Files.deleteIfExists(socket);
                Files.deleteIfExists(secretFile);
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                System.err.println("spatialx runtime: cleaning up: " + e);
            } finally {
                stopped.countDown();
            }
        }
    }

    /**
     * One client's command: its streams, working directory and environment for the time it runs. A terminal
     * session's streams are those of its {@link SocketTerminal}: standard output and error both draw on
     * the client's screen (as in-process, where both are the terminal), standard input is the terminal's.
     */
    private final class Command {
        private final RuntimeProtocol.Hello hello;
        private final DataInputStream in;
        private final DataOutputStream out;
        private final Thread thread = Thread.currentThread();
        private final ClientInput input;
        private final SocketTerminal terminal;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicBoolean clientGone = new AtomicBoolean();
        private boolean done;

        Command(RuntimeProtocol.Hello hello, DataInputStream in, DataOutputStream out) throws IOException {
            this.hello = hello;
            this.in = in;
            this.out = out;
            this.input = new ClientInput(out, clientGone);
            this.terminal = hello.window() == null ? null
                    : new SocketTerminal(hello.window(), new BufferedOutputStream(new ClientOutput(RuntimeProtocol.OUT)));
        }

        /** Runs the command, then {@code ended} before the exit code is sent. */
        void run(Runnable ended) {
            daemon("spatialx-runtime-input", this::readClient).start();
            PrintStream clientOut = terminal != null ? new PrintStream(terminal.output(), true, StandardCharsets.UTF_8)
                    : new PrintStream(new ClientOutput(RuntimeProtocol.OUT), true, StandardCharsets.UTF_8);
            PrintStream clientErr = terminal != null ? clientOut
                    : new PrintStream(new ClientOutput(RuntimeProtocol.ERR), true, StandardCharsets.UTF_8);
            PrintStream processOut = System.out;
            PrintStream processErr = System.err;
            InputStream processIn = System.in;
            int code;
            System.setOut(clientOut);
            System.setErr(clientErr);
            System.setIn(terminal != null ? terminal.input() : input);
            try (Invocation.Scope scope = Invocation.use(new Invocation(hello.workingDirectory(), hello.environment(),
                    hello.terminal() || terminal != null))) {
                CommandLine cli = SpatialxCommand.newCommandLine(engine(), terminal);
                cli.setOut(new PrintWriter(new OutputStreamWriter(clientOut, StandardCharsets.UTF_8), true));
                cli.setErr(new PrintWriter(new OutputStreamWriter(clientErr, StandardCharsets.UTF_8), true));
                code = cli.execute(hello.arguments().toArray(String[]::new));
            } catch (RuntimeException | Error e) {
                clientErr.println("spatialx: " + e);
                code = 1;
            } finally {
                clientOut.flush();
                clientErr.flush();
                System.setOut(processOut);
                System.setErr(processErr);
                System.setIn(processIn);
                synchronized (this) {
                    done = true;
                    Thread.interrupted(); // a late cancel must not reach the runtime's next command
                }
                closeTerminal();
            }
            if (cancelled.get()) {
                code = RuntimeProtocol.INTERRUPTED_EXIT;
            }
            ended.run();
            try {
                RuntimeProtocol.writeFrame(out, RuntimeProtocol.EXIT, code);
            } catch (IOException e) {
                // the client left (Ctrl-C twice, or killed): its command has ended all the same
            }
        }

        /**
         * Frames from the client: input, Ctrl-C, a new window size; the end of the connection cancels a
         * running command (a terminal session: the running call, then the REPL reads the end of input).
         */
        private void readClient() {
            try {
                while (true) {
                    byte type = in.readByte();
                    byte[] payload = RuntimeProtocol.readPayload(in);
                    if (terminal != null) {
                        toTerminal(type, payload);
                    } else if (type == RuntimeProtocol.IN) {
                        input.receive(payload);
                    } else if (type == RuntimeProtocol.INTERRUPT) {
                        cancel();
                    }
                }
            } catch (IOException | IllegalStateException | InterruptedException gone) { // IllegalStateException: the terminal closed
                clientGone.set(true);
                if (terminal != null) {
                    synchronized (this) {
                        if (!done) {
                            terminal.raise(Terminal.Signal.INT);
                        }
                    }
                    terminal.clientGone();
                } else {
                    input.receive(new byte[0]);
                    cancel();
                }
            }
        }

        private void toTerminal(byte type, byte[] payload) throws IOException, InterruptedException {
            switch (type) {
                case RuntimeProtocol.IN -> {
                    if (payload.length == 0) {
                        terminal.endOfInput();
                    } else {
                        terminal.keys(payload);
                    }
                }
                // SIGINT sent to the client from elsewhere: as if Ctrl-C were typed
                case RuntimeProtocol.INTERRUPT -> terminal.raise(Terminal.Signal.INT);
                case RuntimeProtocol.RESIZE -> terminal.resize(hello.window().resized(payload));
                default -> throw new IOException("unknown frame " + type);
            }
        }

        private void closeTerminal() {
            if (terminal != null) {
                try {
                    terminal.flush();
                    terminal.close();
                } catch (IOException | RuntimeException e) {
                    // the client left
                }
            }
        }

        /** Ctrl-C: the script's thread is interrupted, as {@code spatialx shell} cancels a call; output stops. */
        private synchronized void cancel() {
            if (!done && cancelled.compareAndSet(false, true)) {
                thread.interrupt();
            }
        }

        /** What the command writes on standard output or error, as frames to the client; nothing once it cancelled. */
        private final class ClientOutput extends OutputStream {
            private final byte type;

            ClientOutput(byte type) {
                this.type = type;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0 || cancelled.get() || clientGone.get()) {
                    return;
                }
                try {
                    RuntimeProtocol.writeFrame(out, type, bytes, offset, length);
                } catch (IOException e) {
                    clientGone.set(true); // the command runs on until the cancellation reaches it
                }
            }
        }
    }

    /**
     * The client's standard input, read on demand: each read asks the client for at most so many bytes
     * ({@link RuntimeProtocol#READ}), so input the command never reads is never sent, and Ctrl-C is never
     * queued behind it.
     */
    private static final class ClientInput extends InputStream {
        private final DataOutputStream out;
        private final AtomicBoolean clientGone;
        private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(1);
        private byte[] pending = new byte[0];
        private int position;
        private boolean ended;

        ClientInput(DataOutputStream out, AtomicBoolean clientGone) {
            this.out = out;
            this.clientGone = clientGone;
        }

        void receive(byte[] bytes) {
            received.offer(bytes);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == pending.length) {
                if (ended || clientGone.get()) {
                    return -1;
                }
                RuntimeProtocol.writeFrame(out, RuntimeProtocol.READ, Math.min(length, 64 << 10));
                try {
                    pending = received.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("standard input: cancelled");
                }
                position = 0;
                if (pending.length == 0) {
                    ended = true;
                    return -1;
                }
            }
            int count = Math.min(length, pending.length - position);
            System.arraycopy(pending, position, buffer, offset, count);
            position += count;
            return count;
        }

        @Override
        public synchronized int available() {
            return pending.length - position;
        }
    }
}
