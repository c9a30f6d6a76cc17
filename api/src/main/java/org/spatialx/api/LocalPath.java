package org.spatialx.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter or options-record component of a {@link NotebookName} method that holds a path on
 * the caller's machine (a file to upload, a picture or table to write), not a path on the server. The
 * shell resolves a relative value against the working directory of the command that runs the script,
 * which is not the process's own when the script runs in the warm runtime ({@code docs/shell.md}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface LocalPath {
}
