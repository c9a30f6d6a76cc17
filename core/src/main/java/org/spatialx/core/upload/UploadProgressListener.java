package org.spatialx.core.upload;

/**
 * Told how uploads progress, to draw them: the shell installs progress bars through
 * {@code ConnectorOptions.builder().uploadProgress(listener)}. Core draws nothing itself; it logs
 * one summary line per finished upload whatever the listener.
 */
@FunctionalInterface
public interface UploadProgressListener {

    /** Ignores every upload (the default). */
    UploadProgressListener NONE = (label, totalBytes, debugMode) -> bytes -> { };

    /**
     * An upload starts.
     *
     * @param label      the local file or folder being uploaded
     * @param totalBytes the bytes it will send in all (every file of a folder)
     * @param debugMode  the notebook's {@code debug_mode=True}: the caller asked to see progress
     * @return what receives this upload's progress until it ends
     */
    Upload started(String label, long totalBytes, boolean debugMode);

    /**
     * The progress of one upload (a file or a whole folder). Its methods may be called from several
     * threads at once: chunks are sent in parallel.
     */
    @FunctionalInterface
    interface Upload extends AutoCloseable {

        /**
         * {@code bytes} more were handed to the network; negative when a failed chunk's bytes are
         * taken back before it is sent again.
         */
        void advanced(long bytes);

        /** The file of a folder now being sent (its base name). */
        default void sending(String fileName) {
        }

        /** The upload ended, finished or failed. */
        @Override
        default void close() {
        }
    }
}
