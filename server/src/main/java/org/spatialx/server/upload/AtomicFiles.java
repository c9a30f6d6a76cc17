package org.spatialx.server.upload;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.spatialx.server.storage.OwnerOnly;

/** Puts a finished file at its final path in one atomic step, so no reader ever sees it half-written. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Moves {@code source} to {@code target} (replacing it), atomically even across file systems; folders it
     * creates on the way, and a copy it makes, are owner-only like everything the server writes.
     */
    static void publish(Path source, Path target) throws IOException {
        OwnerOnly.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // another file system (an external mount): copy next to the target, then rename there
            Path hidden = target.resolveSibling("." + target.getFileName() + ".uploading-" + UUID.randomUUID());
            try {
                Files.copy(source, hidden);
                OwnerOnly.restrict(hidden);
                Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.delete(source);
            } finally {
                Files.deleteIfExists(hidden);
            }
        }
    }
}
