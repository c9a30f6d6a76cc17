package org.spatialx.core.upload;

import java.util.Map;

/**
 * Optional arguments of {@code upload_folder} (protocol 3.5).
 *
 * @param chunkSize        requested chunk size in bytes (0: chosen per file, protocol 3.2)
 * @param debugMode        show a progress bar for the folder
 * @param serverFolderName parent folder in the server's upload area ({@code ""}: its root)
 * @param chunkResp        the session object of an enclosing folder upload (null: none)
 * @param isChunk          true for a nested call: no {@code folder_finish}, returns the session object
 */
public record UploadFolderOptions(long chunkSize, boolean debugMode, String serverFolderName,
                                  Map<String, Object> chunkResp, boolean isChunk) {

    /** A null folder name becomes empty. */
    public UploadFolderOptions {
        serverFolderName = serverFolderName == null ? "" : serverFolderName;
    }

    /**
     * The Python defaults: {@code chunk_size=0, debug_mode=False, server_folder_name="", chunk_resp=None,
     * is_chunk=False}.
     */
    public static UploadFolderOptions defaults() {
        return new UploadFolderOptions(0, false, "", null, false);
    }
}
