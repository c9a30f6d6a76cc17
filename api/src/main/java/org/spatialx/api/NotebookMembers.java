package org.spatialx.api;

import java.util.List;

/**
 * An object whose notebook methods are known only at run time: {@code connector.analysis.embeddings},
 * whose methods are the analysis kinds present (built in or from a plugin). The shell binds each
 * {@link NotebookFunction} as it binds a method annotated {@link NotebookName}: keyword arguments,
 * completion and {@code help()} in Python and JavaScript alike. Annotated methods of the same object
 * are bound beside them.
 */
public interface NotebookMembers {

    /** The methods and properties, in the order listings show them. */
    List<NotebookFunction> notebookMembers();
}
