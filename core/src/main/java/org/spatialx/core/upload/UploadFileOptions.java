package org.spatialx.core.upload;

/**
 * Optional arguments of {@code upload_file} (protocol 3.3).
 *
 * @param serverFolderName folder in the server's upload area ({@code ""}: its root)
 * @param uploadId         the {@code unique_id} of an ongoing folder session ({@code ""}: none)
 * @param isChunk          true when the file belongs to a folder session (staged until folder_finish)
 */
public record UploadFileOptions(String serverFolderName, String uploadId, boolean isChunk) {

    /** Null texts become empty. */
    public UploadFileOptions {
        serverFolderName = serverFolderName == null ? "" : serverFolderName;
        uploadId = uploadId == null ? "" : uploadId;
    }

    /** The Python defaults: {@code server_folder_name="", upload_id="", is_chunk=False}. */
    public static UploadFileOptions defaults() {
        return new UploadFileOptions("", "", false);
    }
}
