package org.spatialx.shell.script;

import java.io.IOException;
import java.nio.file.Files;
import org.spatialx.api.NotebookName;

/**
 * The module functions of {@code spatialx_connector} that every script session has beside
 * {@code SpatialXConnector}, bound like every notebook call.
 */
public final class NotebookFunctions {

    /**
     * {@code temporary_folder(prefix="spatialx-")}: creates a new empty folder in the system's
     * temporary folder and returns its path (JavaScript has no file system module; Python may use
     * it too).
     */
    @NotebookName("temporary_folder")
    public String temporaryFolder(TemporaryFolderOptions options) throws IOException {
        return Files.createTempDirectory(options.prefix()).toString();
    }

    /**
     * The keyword arguments of {@code temporary_folder(...)}.
     *
     * @param prefix the start of the folder's name
     */
    public record TemporaryFolderOptions(String prefix) {

        /** The defaults: {@code prefix="spatialx-"}. */
        public static TemporaryFolderOptions defaults() {
            return new TemporaryFolderOptions("spatialx-");
        }
    }
}
