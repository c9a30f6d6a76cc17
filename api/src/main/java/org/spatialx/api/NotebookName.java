package org.spatialx.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of a public method in the Python SDK that a Java method mirrors. The shell binds
 * annotated methods under this name in Python and JavaScript, so a capability added to the
 * connector appears in both languages without new glue.
 *
 * <p>Binding contract: the method's parameters are keyword arguments named by their
 * snake_case Java names (the build compiles with {@code -parameters}); a trailing parameter
 * whose type is a record with a public static {@code defaults()} method is an options record
 * whose components are the optional keyword arguments, filled from {@code defaults()} when
 * omitted. Results are converted to dicts and lists through their Jackson wire names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NotebookName {

    /** The Python name, e.g. {@code parse_data_information}. */
    String value();

    /** True when Python reads it as an attribute ({@code connector.info}), not a call. */
    boolean property() default false;

    /** The notebook section it belongs to, which groups it in {@code help(connector)}. */
    NotebookSection section() default NotebookSection.BEYOND_THE_NOTEBOOK;
}
