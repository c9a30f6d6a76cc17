package org.spatialx.shell.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation between {@link RuntimeClient} and {@link WarmRuntime} over the runtime's Unix domain
 * socket. The client opens with a {@link Hello} (the secret first); the runtime answers one status byte;
 * after {@link #ACCEPTED} both send frames: one type byte, a length, then the bytes. A hello with a
 * {@link Window} opens a terminal session ({@code spatialx shell}): the client sends the keys as they are
 * typed ({@link #IN}, never asked for with {@link #READ}) and the new size when its window changes
 * ({@link #RESIZE}); the runtime sends what the screen shows ({@link #OUT}), its line discipline applied.
 * Java.base only: the client loads it.
 */
final class RuntimeProtocol {

    /** Opens every hello, so that a stray connection is refused before anything is read. */
    static final int MAGIC = 0x53505852; // "SPXR"
    /** Raised when the hello changes: an older client gets {@link #REFUSED} and runs in-process. */
    static final int VERSION = 2;

    /** Hello kinds. */
    static final byte RUN = 'C';
    static final byte STATUS = 'S';
    static final byte STOP = 'Q';

    /** The runtime's one-byte answer to a hello. */
    static final byte ACCEPTED = 'A';
    static final byte BUSY = 'B';
    static final byte OUTDATED = 'O';
    static final byte REFUSED = 'R';

    /** Frames from the runtime: standard output and error bytes, a request for input (int: at most so many bytes), the exit code (int). */
    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte READ = 3;
    static final byte EXIT = 4;
    /** Frames from the client: standard input bytes (none: end of input), Ctrl-C, a terminal's new size (int rows, int columns). */
    static final byte IN = 5;
    static final byte INTERRUPT = 6;
    static final byte RESIZE = 7;

    /** The exit code of a command cancelled by Ctrl-C, as a shell reports a process killed by SIGINT. */
    static final int INTERRUPTED_EXIT = 130;

    /** The longest frame or string accepted: a corrupt length must not allocate gigabytes. */
    static final int MAX_LENGTH = 16 << 20;

    private RuntimeProtocol() {
    }

    /**
     * What a client asks for.
     *
     * @param secret           the runtime's secret, read from its 0600 file
     * @param kind             {@link #RUN}, {@link #STATUS} or {@link #STOP}
     * @param arguments        the command line ({@code run hi.py})
     * @param workingDirectory the client's working directory
     * @param environment      the client's environment
     * @param terminal         true when the client's standard output is a terminal
     * @param window           the client's terminal for a terminal session ({@code shell}), else null
     */
    record Hello(String secret, byte kind, List<String> arguments, Path workingDirectory,
                 Map<String, String> environment, boolean terminal, Window window) {

        void write(DataOutputStream out) throws IOException {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeString(out, secret);
            out.writeByte(kind);
            out.writeInt(arguments.size());
            for (String argument : arguments) {
                writeString(out, argument);
            }
            writeString(out, workingDirectory.toString());
            out.writeInt(environment.size());
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                writeString(out, variable.getKey());
                writeString(out, variable.getValue());
            }
            out.writeBoolean(terminal);
            out.writeBoolean(window != null);
            if (window != null) {
                writeString(out, window.type());
                out.writeInt(window.rows());
                out.writeInt(window.columns());
            }
            out.flush();
        }

        /**
         * Reads a hello; null when the connection is not a client of this version or does not hold
         * {@code secret} (then nothing after the secret is read).
         */
        static Hello read(DataInputStream in, String expectedSecret) throws IOException {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return null;
            }
            String secret = readString(in);
            if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), expectedSecret.getBytes(StandardCharsets.UTF_8))) {
                return null;
            }
            byte kind = in.readByte();
            List<String> arguments = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                arguments.add(readString(in));
            }
            Path workingDirectory = Path.of(readString(in));
            Map<String, String> environment = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                environment.put(readString(in), readString(in));
            }
            boolean terminal = in.readBoolean();
            Window window = in.readBoolean() ? new Window(readString(in), in.readInt(), in.readInt()) : null;
            return new Hello(secret, kind, arguments, workingDirectory, environment, terminal, window);
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "Hello[kind=" + (char) kind + ", arguments=" + arguments + ", workingDirectory=" + workingDirectory
                    + (window == null ? "" : ", window=" + window) + "]";
        }
    }

    /**
     * The client's terminal: its type ({@code $TERM}, which names its capabilities: colours, cursor
     * movements) and its size.
     */
    record Window(String type, int rows, int columns) {

        /** The payload of a {@link #RESIZE} frame. */
        byte[] sizeFrame() {
            return new byte[] {(byte) (rows >>> 24), (byte) (rows >>> 16), (byte) (rows >>> 8), (byte) rows,
                (byte) (columns >>> 24), (byte) (columns >>> 16), (byte) (columns >>> 8), (byte) columns};
        }

        /** This terminal at the size a {@link #RESIZE} frame's payload holds. */
        Window resized(byte[] payload) throws IOException {
            if (payload.length != 8) {
                throw new IOException("A resize frame of " + payload.length + " bytes: not a SpatialX runtime client");
            }
            return new Window(type, intOf(payload), intOf(Arrays.copyOfRange(payload, 4, 8)));
        }
    }

    /** Writes one frame; callers on several threads synchronise on {@code out}. */
    static void writeFrame(DataOutputStream out, byte type, byte[] bytes, int offset, int length) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(length);
            out.write(bytes, offset, length);
            out.flush();
        }
    }

    /** Writes a frame holding one int. */
    static void writeFrame(DataOutputStream out, byte type, int value) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(4);
            out.writeInt(value);
            out.flush();
        }
    }

    /** The payload of a frame whose type byte was just read. */
    static byte[] readPayload(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("A frame of " + length + " bytes: not a SpatialX runtime peer");
        }
        return in.readNBytes(length);
    }

    /** The int of a payload written by {@link #writeFrame(DataOutputStream, byte, int)}. */
    static int intOf(byte[] payload) {
        return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
    }

    /** The file holding the secret of the runtime listening on {@code socket}: {@code <key>.secret} beside it. */
    static Path secretFile(Path socket) {
        String name = socket.getFileName().toString();
        return socket.resolveSibling(name.replaceFirst("\\.sock$", "") + ".secret");
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("A string of " + length + " bytes: not a SpatialX runtime client");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("A count of " + count + ": not a SpatialX runtime client");
        }
        return count;
    }
}
