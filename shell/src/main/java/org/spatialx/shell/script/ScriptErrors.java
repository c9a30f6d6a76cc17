package org.spatialx.shell.script;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** One-line descriptions of script failures: {@code file:line: Type: message}, at the user's line. */
public final class ScriptErrors {

    private ScriptErrors() {
    }

    /**
     * The innermost location in the user's code (not in the shell's prelude) and the message,
     * e.g. {@code notebook.py:12: SpatialXError: Study ST-1 not found}.
     *
     * @param preludeName the source name of the session's prelude
     */
    public static String describe(PolyglotException error, String preludeName) {
        SourceSection location = userLocation(error, preludeName);
        String message = message(error);
        if (location == null) {
            return message;
        }
        return location.getSource().getName() + ":" + location.getStartLine() + ": " + message;
    }

    /** The innermost source section of the user's code, or null (e.g. for a host-only error). */
    public static SourceSection userLocation(PolyglotException error, String preludeName) {
        for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame()) {
                continue;
            }
            SourceSection section = frame.getSourceLocation();
            if (section != null && isUserSource(section, preludeName)) {
                return section;
            }
        }
        SourceSection section = error.getSourceLocation();
        return section != null && isUserSource(section, preludeName) ? section : null;
    }

    private static boolean isUserSource(SourceSection section, String preludeName) {
        String name = section.getSource().getName();
        return !section.getSource().isInternal()
                && !name.equals(preludeName)
                && !name.startsWith("<")
                && section.getStartLine() > 0;
    }

    /** The message of a failure, without location: {@code Type: message}, or {@code Cancelled}. */
    public static String message(PolyglotException error) {
        if (error.isInterrupted() || error.isCancelled()) {
            return "Cancelled";
        }
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            message = error.isHostException() ? error.asHostException().toString() : "error";
        }
        // One line: the connector's multi-line messages (problem, then what to do) are joined.
        return String.join(" ", message.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
    }
}
