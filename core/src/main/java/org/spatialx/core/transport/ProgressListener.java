package org.spatialx.core.transport;

/**
 * Told how many bytes of a multipart file part have been handed to the network so far (e.g. to
 * advance the progress bar of {@code upload_big_file(debug_mode=True)}).
 */
@FunctionalInterface
public interface ProgressListener {

    /** Progress of one file part: {@code sent} of {@code total} bytes. Called from the HTTP client's thread. */
    void progressed(long sent, long total);
}
