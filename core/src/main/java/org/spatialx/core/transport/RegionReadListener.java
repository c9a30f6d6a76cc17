package org.spatialx.core.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sees the bytes of a streamed {@link FileRegion} as they are read for sending, before the HTTP client gets
 * them: the hook that lets an upload hash the file from the reads that send it, instead of reading it twice.
 * Called from the HTTP client's thread, in file order within one region; a region sent again (a retry) is
 * read, and seen, again.
 */
@FunctionalInterface
public interface RegionReadListener {

    /**
     * {@code bytes} (its remaining bytes; the listener must not move its position) were read from
     * {@code region.path()} at {@code position}.
     *
     * @throws IOException fails the request as an unreadable local file
     */
    void read(FileRegion region, long position, ByteBuffer bytes) throws IOException;
}
