package org.spatialx.shell.script;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.spatialx.shell.script.NotebookFunctions.TemporaryFolderOptions;

/** temporary_folder: a fresh folder, deleted with its content when the script ends unless kept. */
class NotebookFunctionsTest {

    @Test
    void temporaryFoldersAreDeletedWithTheirContentUnlessKept() throws IOException {
        NotebookFunctions functions = new NotebookFunctions();
        Path dropped = Path.of(functions.temporaryFolder(new TemporaryFolderOptions("spatialx-test-dropped-", false)));
        Path kept = Path.of(functions.temporaryFolder(new TemporaryFolderOptions("spatialx-test-kept-", true)));
        try {
            Files.writeString(Files.createDirectories(dropped.resolve("home/pictures")).resolve("cells.png"), "png");
            assertTrue(dropped.getFileName().toString().startsWith("spatialx-test-dropped-"), dropped.toString());
            functions.deleteTemporaryFolders();
            assertFalse(Files.exists(dropped), "deleted with everything in it");
            assertTrue(Files.isDirectory(kept), "keep=True keeps it");
        } finally {
            Files.deleteIfExists(kept);
        }
    }
}
