package org.spatialx.shell.binding;

import java.lang.reflect.Type;

/**
 * One keyword argument of a bound method: a required Java parameter, or a component of the
 * method's trailing options record (then optional, with the default read from {@code defaults()}).
 *
 * @param name         the snake_case name scripts use
 * @param javaName     the Java parameter or record component name
 * @param type         the generic Java type the script value is converted to
 * @param optional     true for options-record components
 * @param defaultValue the value from {@code defaults()}, null for required parameters
 * @param localPath    true for a path on the user's machine ({@link org.spatialx.api.LocalPath}): a relative
 *                     value is resolved against the command's working directory
 */
public record Keyword(String name, String javaName, Type type, boolean optional, Object defaultValue, boolean localPath) {

    /** A keyword that is not a local path. */
    public Keyword(String name, String javaName, Type type, boolean optional, Object defaultValue) {
        this(name, javaName, type, optional, defaultValue, false);
    }
}
