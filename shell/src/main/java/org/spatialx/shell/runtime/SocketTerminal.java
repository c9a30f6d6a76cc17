package org.spatialx.shell.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.LineDisciplineTerminal;

/**
 * The terminal of a client's terminal session in the warm runtime: JLine's line discipline over the
 * socket, as a pseudo-terminal's would be over the client's terminal (which the client keeps raw). The
 * keys the client sends go in through {@link #keys}; what the REPL writes, its newlines turned into
 * CR LF, goes out to the client.
 */
final class SocketTerminal extends LineDisciplineTerminal {

    /** Marks the end of input in {@link #pending}. */
    private static final byte[] END = new byte[0];
    /** Frames of keys the line discipline has not taken yet (its buffer is small), in order. */
    private final BlockingQueue<byte[]> pending = new LinkedBlockingQueue<>(1024);
    private final Thread feeder;

    /**
     * @param window the client's terminal type ({@code $TERM}: JLine reads its capabilities) and size
     * @param screen the client's screen: buffered, as the line discipline writes one byte at a time and
     *               flushes after each write
     */
    SocketTerminal(RuntimeProtocol.Window window, OutputStream screen) throws IOException {
        super("spatialx-attached", window.type(), screen, StandardCharsets.UTF_8);
        setSize(new Size(window.columns(), window.rows()));
        feeder = new Thread(this::feed, "spatialx-runtime-keys");
        feeder.setDaemon(true);
        feeder.start();
    }

    /**
     * Keys from the client. Ctrl-C (VINTR, while ISIG is on) raises INT when it arrives, as a kernel's line
     * discipline does, not when the REPL gets to it: keys pasted while a call runs wait here, in order, for
     * the REPL to read them, and a Ctrl-C typed behind them does not wait with them.
     */
    void keys(byte[] bytes) throws InterruptedException {
        Attributes attributes = getAttributes();
        int intr = attributes.getControlChar(Attributes.ControlChar.VINTR);
        if (attributes.getLocalFlag(Attributes.LocalFlag.ISIG) && intr > 0) {
            ByteArrayOutputStream rest = null;
            for (int i = 0; i < bytes.length; i++) {
                if ((bytes[i] & 0xFF) == intr) {
                    if (rest == null) {
                        rest = new ByteArrayOutputStream(bytes.length);
                        rest.write(bytes, 0, i);
                    }
                    raise(Signal.INT);
                } else if (rest != null) {
                    rest.write(bytes[i]);
                }
            }
            if (rest != null) {
                bytes = rest.toByteArray();
            }
        }
        if (bytes.length > 0) {
            pending.put(bytes);
        }
    }

    /** The client's window changed: the new size, and WINCH, on which JLine redraws the line being edited. */
    void resize(RuntimeProtocol.Window window) {
        setSize(new Size(window.columns(), window.rows()));
        raise(Signal.WINCH);
    }

    /** The client's input ended: after the keys still pending, the REPL reads the end of input (as Ctrl-D). */
    void endOfInput() throws InterruptedException {
        pending.put(END);
    }

    /** The client left: what it typed is dropped and the REPL reads the end of input at once. */
    void clientGone() {
        pending.clear();
        pending.offer(END);
    }

    private void feed() {
        try {
            while (true) {
                byte[] next = pending.take();
                if (next == END) {
                    slaveInputPipe.close();
                    return;
                }
                processInputBytes(next);
            }
        } catch (InterruptedException | IOException closed) {
            // the session ended
        }
    }

    @Override
    protected void doClose() throws IOException {
        feeder.interrupt();
        super.doClose();
    }
}
