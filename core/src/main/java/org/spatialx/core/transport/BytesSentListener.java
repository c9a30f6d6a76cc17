package org.spatialx.core.transport;

/**
 * Told how many bytes of a multipart body's file parts have been handed to the network so far. The
 * transport-level hook under upload progress; users of the connector watch uploads through
 * {@link org.spatialx.core.upload.UploadProgressListener} instead.
 */
@FunctionalInterface
public interface BytesSentListener {

    /** {@code sent} of {@code total} bytes of the file parts are sent. Called from the HTTP client's thread. */
    void sent(long sent, long total);
}
