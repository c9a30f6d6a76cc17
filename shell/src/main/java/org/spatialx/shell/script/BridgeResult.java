package org.spatialx.shell.script;

import org.graalvm.polyglot.HostAccess;
import org.spatialx.shell.binding.NotebookObject;

/**
 * What a bound call hands back to the script prelude: data as JSON text, an object to keep calling
 * into, or an error with the script exception type to raise.
 */
public final class BridgeResult {

    private final String json;
    private final NotebookObject target;
    private final String errorType;
    private final String error;

    private BridgeResult(String json, NotebookObject target, String errorType, String error) {
        this.json = json;
        this.target = target;
        this.errorType = errorType;
        this.error = error;
    }

    static BridgeResult data(String json) {
        return new BridgeResult(json, null, null, null);
    }

    static BridgeResult object(NotebookObject target) {
        return new BridgeResult(null, target, null, null);
    }

    static BridgeResult error(String errorType, String message) {
        return new BridgeResult(null, null, errorType, message);
    }

    /** The result as JSON text, or null. */
    @HostAccess.Export
    public String json() {
        return json;
    }

    /** The result as a bound object, or null. */
    @HostAccess.Export
    public NotebookObject target() {
        return target;
    }

    /**
     * {@code TypeError}, {@code ValueError}, {@code KeyError}, {@code IndexError},
     * {@code KeyboardInterrupt} or {@code SpatialXError}; null on success.
     */
    @HostAccess.Export
    public String errorType() {
        return errorType;
    }

    /** The error message (the connector's own), or null. */
    @HostAccess.Export
    public String error() {
        return error;
    }
}
