package org.spatialx.server.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * A file or database operation that failed for a reason the user can act on, said in their words:
 * "permission denied on /data/x", "disk full". Its {@link Reason} decides the error status a client sees.
 */
public final class StorageException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the storage refused. */
    public enum Reason {
        /** The server's user may not read or write there. */
        PERMISSION_DENIED,
        /** The file system (or the database on it) has no room left. */
        DISK_FULL,
        /** Anything else (the message says what). */
        OTHER
    }

    private final Reason reason;

    private StorageException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * {@code what} failed (e.g. "Cannot publish a.bin at /x/a.bin") because of {@code cause}, explained, and
     * {@code then} (what happens next, what to do; may be empty).
     */
    public static StorageException of(String what, Throwable cause, String then) {
        Reason reason = reasonOf(cause);
        String why = switch (reason) {
            case PERMISSION_DENIED -> "permission denied on " + pathOf(cause);
            case DISK_FULL -> "disk full" + (pathOf(cause).isEmpty() ? "" : " (writing " + pathOf(cause) + ")");
            case OTHER -> String.valueOf(cause.getMessage());
        };
        String hint = switch (reason) {
            case PERMISSION_DENIED -> " Give the server's user access to it";
            case DISK_FULL -> " Free some space";
            case OTHER -> "";
        };
        String next = then == null || then.isBlank() ? "" : " " + then;
        return new StorageException(what + ": " + why + "." + next + (hint.isEmpty() ? "" : hint + "."), reason, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** Why {@code failure} happened, read from it and its causes (Java's file exceptions, SQLite's codes). */
    public static Reason reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StorageException storage) {
                return storage.reason;
            }
            if (t instanceof AccessDeniedException) {
                return Reason.PERMISSION_DENIED;
            }
            String text = (t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : String.valueOf(t.getMessage())).toLowerCase(Locale.ROOT);
            if (text.contains("no space left") || text.contains("disk quota exceeded") || text.contains("sqlite_full")
                    || text.contains("database or disk is full")) {
                return Reason.DISK_FULL;
            }
            if (text.contains("permission denied") || text.contains("operation not permitted")) {
                return Reason.PERMISSION_DENIED;
            }
        }
        return Reason.OTHER;
    }

    /** The file a failure names (Java's file exceptions carry it), or "". */
    private static String pathOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getFile() != null) {
                return fs.getFile();
            }
        }
        return "";
    }
}
