package org.spatialx.core.upload;

import java.util.Map;

/**
 * Optional arguments of {@code upload_big_file} (protocol 3.4).
 *
 * @param chunkSize        requested chunk size in bytes (0: chosen by file size, protocol 3.2)
 * @param debugMode        show a progress bar and the per-chunk lines
 * @param serverFolderName folder in the server's upload area ({@code ""}: its root)
 * @param chunkResp        the session object of an ongoing folder upload ({@code {}}: start a new one)
 * @param moveToParent     true for a stand-alone file (returns the merge answer); false inside a
 *                         folder session (returns the session object for the next file)
 * @param isChunk          passed to {@code upload/simple} for files below 1 MiB
 */
public record UploadBigFileOptions(long chunkSize, boolean debugMode, String serverFolderName,
                                   Map<String, Object> chunkResp, boolean moveToParent, boolean isChunk) {

    /** Null texts and maps become empty. */
    public UploadBigFileOptions {
        serverFolderName = serverFolderName == null ? "" : serverFolderName;
        chunkResp = chunkResp == null ? Map.of() : chunkResp;
    }

    /**
     * The Python defaults: {@code chunk_size=0, debug_mode=False, server_folder_name="", chunk_resp={},
     * move_to_parent=True, is_chunk=False}.
     */
    public static UploadBigFileOptions defaults() {
        return new UploadBigFileOptions(0, false, "", Map.of(), true, false);
    }
}
