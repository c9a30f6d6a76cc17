package org.spatialx.api;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One method of a {@link NotebookMembers} object, e.g. {@code pca(normalize_method="log1p-normalized",
 * title=None, batch_key=None, n_top_genes=None, **kwargs)}.
 *
 * @param name          the Python name
 * @param property      true when scripts read it as an attribute (then it has no parameters)
 * @param parameters    the keyword arguments, in order
 * @param extraKeywords true when it also takes keyword arguments it does not declare (Python's {@code **kwargs})
 * @param doc           the help text shown under the signature
 * @param invocation    what a call does
 */
public record NotebookFunction(String name, boolean property, List<Parameter> parameters, boolean extraKeywords,
        String doc, Invocation invocation) {

    /** Copies the parameters. */
    public NotebookFunction {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(invocation, "invocation");
    }

    /**
     * One keyword argument.
     *
     * @param name         the snake_case name scripts use
     * @param type         the Java type a script value is converted to
     * @param required     true when the call must give it
     * @param defaultValue the value when omitted ({@code null} for None)
     */
    public record Parameter(String name, Type type, boolean required, Object defaultValue) {
    }

    /** A call: the given keyword arguments (declared ones converted to their types, extra ones as JSON-like values), in call order. */
    @FunctionalInterface
    public interface Invocation {
        /** Runs the call and returns its result. */
        Object call(Map<String, Object> arguments) throws Exception;
    }
}
