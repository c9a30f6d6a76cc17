package org.spatialx.shell.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.impl.LineDisciplineTerminal;

/**
 * The terminal of a client's terminal session in the warm runtime: JLine's line discipline over the
 * socket, as a pseudo-terminal's would be over the client's terminal (which the client keeps raw). The
 * keys the client sends go in through {@link #processInputBytes}, so that Ctrl-C raises INT at once
 * (the REPL cancels the running call), also while the REPL is not reading; what the REPL writes, its
 * newlines turned into CR LF, goes out to the client.
 */
final class SocketTerminal extends LineDisciplineTerminal {

    /**
     * @param window the client's terminal type ({@code $TERM}: JLine reads its capabilities) and size
     * @param screen the client's screen: buffered, as the line discipline writes one byte at a time and
     *               flushes after each write
     */
    SocketTerminal(RuntimeProtocol.Window window, OutputStream screen) throws IOException {
        super("spatialx-attached", window.type(), screen, StandardCharsets.UTF_8);
        setSize(new Size(window.columns(), window.rows()));
    }

    /** The client's window changed: the new size, and WINCH, on which JLine redraws the line being edited. */
    void resize(RuntimeProtocol.Window window) {
        setSize(new Size(window.columns(), window.rows()));
        raise(Signal.WINCH);
    }

    /** The client left or its input ended: the REPL reads the end of input, as Ctrl-D at an empty prompt. */
    void endOfInput() {
        try {
            slaveInputPipe.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
