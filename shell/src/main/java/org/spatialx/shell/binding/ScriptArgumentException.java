package org.spatialx.shell.binding;

import org.spatialx.api.SpatialXException;

/** A call from a script whose arguments do not fit the Java method: surfaces as Python's {@code TypeError}. */
public final class ScriptArgumentException extends SpatialXException {

    private static final long serialVersionUID = 1L;

    /** An error whose message names the call, the problem and the accepted keyword names. */
    public ScriptArgumentException(String message) {
        super(message);
    }
}
