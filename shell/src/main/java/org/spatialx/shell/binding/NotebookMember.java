package org.spatialx.shell.binding;

import org.spatialx.api.PythonNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spatialx.api.LocalPath;
import org.spatialx.api.NotebookFunction;
import org.spatialx.api.NotebookName;
import org.spatialx.api.NotebookSection;
import org.spatialx.shell.runtime.Invocation;

/**
 * A Java method annotated {@link NotebookName}, bound under its Python name: keyword arguments by
 * the binding contract (required parameters, then the components of a trailing options record whose
 * {@code defaults()} fills what a script omits); or a {@link NotebookFunction} of an object whose
 * methods are known at run time (the analysis kinds present), which may take extra keywords.
 *
 * @param name        the Python name
 * @param method      the Java method, or null for a function
 * @param property    true when scripts read it as an attribute
 * @param keywords    required keywords first, then optional ones, in declaration order
 * @param optionsType the trailing options record, or null
 * @param function    the run-time function, or null for a method
 */
public record NotebookMember(String name, Method method, boolean property, List<Keyword> keywords, Class<?> optionsType,
        NotebookFunction function) {

    /** Binds a run-time function: its parameters are the keywords, its extra keywords are accepted as they come. */
    public static NotebookMember of(NotebookFunction function) {
        List<Keyword> keywords = function.parameters().stream()
                .map(p -> new Keyword(p.name(), p.name(), p.type(), !p.required(), p.defaultValue())).toList();
        return new NotebookMember(function.name(), null, function.property(), keywords, null, function);
    }

    /** True when the member takes keyword arguments it does not declare (Python's {@code **kwargs}). */
    public boolean extraKeywords() {
        return function != null && function.extraKeywords();
    }

    /** Binds {@code method}, which must carry {@link NotebookName}. */
    public static NotebookMember of(Method method) {
        NotebookName annotation = method.getAnnotation(NotebookName.class);
        // Public methods of non-public implementation classes (sub-objects) need this to be invoked.
        method.trySetAccessible();
        Parameter[] parameters = method.getParameters();
        List<Keyword> keywords = new ArrayList<>();
        Class<?> optionsType = null;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (i == parameters.length - 1 && isOptionsRecord(parameter.getType())) {
                optionsType = parameter.getType();
                Object defaults = defaultsOf(optionsType);
                for (RecordComponent component : optionsType.getRecordComponents()) {
                    keywords.add(new Keyword(PythonNames.snakeCase(component.getName()), component.getName(),
                            component.getGenericType(), true, read(component, defaults),
                            component.isAnnotationPresent(LocalPath.class)));
                }
            } else {
                if (!parameter.isNamePresent()) {
                    throw new IllegalStateException(method + " was compiled without -parameters; keyword names are unknown");
                }
                keywords.add(new Keyword(PythonNames.snakeCase(parameter.getName()), parameter.getName(),
                        parameter.getParameterizedType(), false, null, parameter.isAnnotationPresent(LocalPath.class)));
            }
        }
        return new NotebookMember(annotation.value(), method, annotation.property(), List.copyOf(keywords), optionsType,
                null);
    }

    /** True for a record type with a public static no-argument {@code defaults()} returning it. */
    public static boolean isOptionsRecord(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        try {
            Method defaults = type.getMethod("defaults");
            return java.lang.reflect.Modifier.isStatic(defaults.getModifiers()) && defaults.getReturnType() == type;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The accepted keyword names, in order. */
    public List<String> keywordNames() {
        return keywords.stream().map(Keyword::name).toList();
    }

    /** A Python-style signature, e.g. {@code list_study(group, species, limit=50)}. */
    public String signature() {
        return name + "(" + keywords.stream()
                .map(k -> k.optional() ? k.name() + "=" + literal(k.defaultValue(), true) : k.name())
                .collect(Collectors.joining(", ")) + (extraKeywords() ? (keywords.isEmpty() ? "" : ", ") + "**kwargs" : "")
                + ")";
    }

    /** The JavaScript form: one options object, e.g. {@code list_study({group, species, limit: 50})}. */
    public String javaScriptSignature() {
        if (keywords.isEmpty()) {
            return name + "()";
        }
        return name + "({" + keywords.stream()
                .map(k -> k.optional() ? k.name() + ": " + literal(k.defaultValue(), false) : k.name())
                .collect(Collectors.joining(", ")) + "})";
    }

    /** The section of the notebook this call belongs to ({@link NotebookName#section()}). */
    public NotebookSection section() {
        return method.getAnnotation(NotebookName.class).section();
    }

    /**
     * Calls the method on {@code target} with script arguments: positional values fill required
     * parameters and then options components in order; keywords fill the rest.
     *
     * @throws ScriptArgumentException for an unknown, duplicated, missing or ill-typed argument
     * @throws Exception               whatever the Java method throws, unwrapped
     */
    public Object invoke(Object target, List<JsonNode> positional, Map<String, JsonNode> named, ObjectMapper mapper)
            throws Exception {
        if (positional.size() > keywords.size()) {
            throw new ScriptArgumentException(name + "() takes " + keywords.size() + " arguments but "
                    + positional.size() + " were given; accepted: " + String.join(", ", keywordNames()));
        }
        Map<String, JsonNode> given = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            given.put(keywords.get(i).name(), positional.get(i));
        }
        for (Map.Entry<String, JsonNode> entry : named.entrySet()) {
            String key = entry.getKey();
            if (!extraKeywords() && keywords.stream().noneMatch(k -> k.name().equals(key))) {
                throw new ScriptArgumentException(name + "() got an unexpected keyword argument '" + key
                        + "'; accepted: " + String.join(", ", keywordNames()));
            }
            if (given.containsKey(key)) {
                throw new ScriptArgumentException(name + "() got multiple values for argument '" + key + "'");
            }
            given.put(key, entry.getValue());
        }
        if (function != null) {
            return callFunction(given, mapper);
        }
        List<Object> arguments = new ArrayList<>();
        List<Object> components = new ArrayList<>();
        Object defaults = optionsType == null ? null : defaultsOf(optionsType);
        RecordComponent[] recordComponents = optionsType == null ? new RecordComponent[0] : optionsType.getRecordComponents();
        int componentIndex = 0;
        for (Keyword keyword : keywords) {
            JsonNode value = given.get(keyword.name());
            if (!keyword.optional()) {
                if (value == null) {
                    throw new ScriptArgumentException(name + "() missing required argument '" + keyword.name()
                            + "'; signature: " + signature());
                }
                arguments.add(convert(keyword, value, mapper));
            } else {
                components.add(value == null ? read(recordComponents[componentIndex], defaults) : convert(keyword, value, mapper));
                componentIndex++;
            }
        }
        if (optionsType != null) {
            arguments.add(construct(optionsType, recordComponents, components));
        }
        try {
            return method.invoke(target, arguments.toArray());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** A function gets what was given, in call order: declared keywords converted to their types, extras as plain values. */
    private Object callFunction(Map<String, JsonNode> given, ObjectMapper mapper) throws Exception {
        for (Keyword keyword : keywords) {
            if (!keyword.optional() && !given.containsKey(keyword.name())) {
                throw new ScriptArgumentException(name + "() missing required argument '" + keyword.name()
                        + "'; signature: " + signature());
            }
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : given.entrySet()) {
            Keyword keyword = keywords.stream().filter(k -> k.name().equals(entry.getKey())).findFirst().orElse(null);
            arguments.put(entry.getKey(), keyword == null ? mapper.convertValue(entry.getValue(), Object.class)
                    : convert(keyword, entry.getValue(), mapper));
        }
        return function.invocation().call(arguments);
    }

    private Object convert(Keyword keyword, JsonNode value, ObjectMapper mapper) {
        if (value.isNull()) {
            return null;
        }
        if (keyword.localPath() && value.isTextual() && !value.textValue().isEmpty()) {
            // relative to the command's working directory: the client's when the warm runtime runs the script
            return Invocation.current().resolve(value.textValue()).toString();
        }
        try {
            return mapper.convertValue(value, mapper.constructType(keyword.type()));
        } catch (IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
            throw new ScriptArgumentException(name + "(): argument '" + keyword.name() + "' cannot be read as "
                    + keyword.type().getTypeName().replaceAll("[a-z]+\\.", "") + ": " + reason);
        }
    }

    private static Object construct(Class<?> type, RecordComponent[] recordComponents, List<Object> values) {
        Class<?>[] types = new Class<?>[recordComponents.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = recordComponents[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values.toArray());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build options record " + type.getName(), e);
        }
    }

    private static Object defaultsOf(Class<?> optionsType) {
        try {
            return optionsType.getMethod("defaults").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + optionsType.getName() + ".defaults()", e);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }

    /** A default value as Python ({@code None}, {@code True}, {@code 'x'}) or JavaScript ({@code null}, {@code true}, {@code "x"}) writes it. */
    private static String literal(Object value, boolean python) {
        if (value == null) {
            return python ? "None" : "null";
        }
        if (value instanceof Boolean b) {
            return python ? (b ? "True" : "False") : b.toString();
        }
        if (value instanceof CharSequence text) {
            return python ? "'" + text + "'"
                    : "\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof org.spatialx.api.WireEnum wire) {
            return literal(wire.value(), python);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof java.util.Collection<?> c && c.isEmpty()) {
            return "[]";
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return "{}";
        }
        return String.valueOf(value);
    }
}
