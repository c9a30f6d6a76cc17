package org.spatialx.server.http;

import java.io.IOException;

/**
 * Takes the bytes of a file part as they arrive, in place of the temporary file the multipart parser
 * would otherwise write (see {@link PartRouter}). The handler of the request finds it in
 * {@link FilePart#receiver()} and decides whether to keep what it received.
 */
public interface PartReceiver extends AutoCloseable {

    /** The next bytes of the part, in order. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Called once when the request is over, whether the handler kept the bytes or not. */
    @Override
    void close() throws IOException;
}
