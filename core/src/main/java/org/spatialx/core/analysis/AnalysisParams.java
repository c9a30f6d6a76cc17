package org.spatialx.core.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialx.api.PythonNames;
import org.spatialx.api.WireEnum;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.CallOnly;
import org.spatialx.api.analysis.Required;
import org.spatialx.core.SpatialXInvalidInputException;

/**
 * A kind's params record and its two outside forms: the keyword arguments of a notebook call and the
 * wire {@code params} object of {@code analysis/create} (protocol 7.1): components in order, named in
 * snake_case ({@code nTopGenes} is {@code n_top_genes}), the component {@code name} carrying the title.
 * The client builds requests with it and the local server reads them back with it.
 */
public final class AnalysisParams {

    private AnalysisParams() {
    }

    /**
     * The params record from keyword arguments: each component from its snake_case keyword (removed
     * from {@code arguments}), else its default; {@code name} from the title. What is left in
     * {@code arguments} are the extra keywords.
     */
    public static <P extends Record> P fromKeywords(Analysis<P> kind, Map<String, Object> arguments, String title) {
        P defaults = kind.defaults();
        RecordComponent[] components = kind.paramsType().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String keyword = PythonNames.snakeCase(component.getName());
            if (component.getName().equals("name")) {
                values[i] = title;
            } else if (arguments.containsKey(keyword)) {
                Object given = arguments.remove(keyword);
                try {
                    values[i] = convert(component, given);
                } catch (IllegalArgumentException e) {
                    throw new SpatialXInvalidInputException(kind.name() + "(): argument '" + keyword + "' cannot be read as "
                            + component.getGenericType().getTypeName().replaceAll("[a-zA-Z0-9_]+\\.", "") + ": " + given);
                }
            } else if (component.isAnnotationPresent(Required.class)) {
                throw new SpatialXInvalidInputException(kind.name() + "() missing required argument '" + keyword + "'");
            } else {
                values[i] = component(component, defaults);
            }
        }
        try {
            Constructor<P> constructor = kind.paramsType().getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AnalysisException(kind.name() + "(): " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + kind.paramsType().getName(), e);
        }
    }

    /**
     * The params of a received {@code analysis/create}: each component from its wire key, the
     * {@link CallOnly} ones (not sent) from {@code callOnly}, absent optional ones from the defaults.
     *
     * @throws SpatialXInvalidInputException naming a required param that is missing or a value that does not fit
     */
    public static <P extends Record> P fromWire(Analysis<P> kind, Map<String, Object> wire, Map<String, Object> callOnly) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (RecordComponent component : kind.paramsType().getRecordComponents()) {
            String key = PythonNames.snakeCase(component.getName());
            Map<String, Object> source = component.isAnnotationPresent(CallOnly.class) ? callOnly : wire;
            if (!component.getName().equals("name") && source.containsKey(key)) {
                arguments.put(key, source.get(key));
            }
        }
        Object title = wire.get("name");
        return fromKeywords(kind, arguments, title == null ? null : title.toString());
    }

    /** The wire {@code params} of {@code params}: every component but the call-only ones, in order. */
    public static <P extends Record> Map<String, Object> toWire(Analysis<P> kind, P params) {
        Map<String, Object> wire = new LinkedHashMap<>();
        for (RecordComponent component : kind.paramsType().getRecordComponents()) {
            if (!component.isAnnotationPresent(CallOnly.class)) {
                wire.put(PythonNames.snakeCase(component.getName()), component(component, params));
            }
        }
        return wire;
    }

    /** A keyword value as a params component: a wire enum from its wire value or name, else by Jackson. */
    private static Object convert(RecordComponent component, Object given) {
        if (given == null) {
            return null;
        }
        Class<?> type = component.getType();
        if (type.isEnum() && !type.isInstance(given)) {
            for (Object constant : type.getEnumConstants()) {
                String wire = constant instanceof WireEnum w ? String.valueOf(w.value()) : null;
                if (given.toString().equals(wire) || given.toString().equals(((Enum<?>) constant).name())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
        return CONVERTER.convertValue(given, CONVERTER.constructType(component.getGenericType()));
    }

    private static final ObjectMapper CONVERTER = new ObjectMapper();

    /** The value of {@code component} in {@code record}. */
    public static Object component(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }
}
