package org.spatialx.shell.binding;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spatialx.api.NotebookName;

/**
 * The notebook face of a Java class: its public methods annotated {@link NotebookName}, by Python
 * name. This is what makes the shell generic: a capability added to the connector with the
 * annotation appears in Python and JavaScript without new glue. The annotation may sit on the
 * method itself or on the method it implements in a superclass or interface (so a lambda of an
 * annotated functional interface binds too).
 */
public final class NotebookApi {

    private static final ClassValue<NotebookApi> CACHE = new ClassValue<>() {
        @Override
        protected NotebookApi computeValue(Class<?> type) {
            return new NotebookApi(type);
        }
    };

    private final Class<?> type;
    private final Map<String, NotebookMember> members;

    private NotebookApi(Class<?> type) {
        this.type = type;
        Map<String, NotebookMember> found = new LinkedHashMap<>();
        Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(NotebookApi::annotatedDeclaration)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount))
                .forEach(m -> {
                    String name = m.getAnnotation(NotebookName.class).value();
                    // Of overloads (bridges, covariant returns) keep the one with the most parameters.
                    NotebookMember previous = found.get(name);
                    if (previous == null || previous.method().getParameterCount() < m.getParameterCount()) {
                        found.put(name, NotebookMember.of(m));
                    }
                });
        this.members = Map.copyOf(found);
    }

    /** The notebook API of {@code type} (computed once per class). */
    public static NotebookApi of(Class<?> type) {
        return CACHE.get(type);
    }

    /** True when {@code value} is an object scripts call into (it has notebook members), not data. */
    public static boolean isBound(Object value) {
        return value != null && !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)
                && (value instanceof org.spatialx.api.NotebookMembers || !of(value.getClass()).members.isEmpty());
    }

    /** The bound Java class. */
    public Class<?> type() {
        return type;
    }

    /** The member called {@code name} in Python. */
    public Optional<NotebookMember> member(String name) {
        return Optional.ofNullable(members.get(name));
    }

    /** Every member, sorted by Python name. */
    public List<NotebookMember> members() {
        return members.values().stream().sorted(Comparator.comparing(NotebookMember::name)).toList();
    }

    /**
     * {@code method} when it carries {@link NotebookName}, else the annotated method of the same
     * signature that it implements in a supertype; that declaration is what gets bound (its
     * parameter names are the keywords, and calling it dispatches to the implementation).
     */
    private static Optional<Method> annotatedDeclaration(Method method) {
        Deque<Class<?>> supertypes = new ArrayDeque<>(List.of(method.getDeclaringClass()));
        while (!supertypes.isEmpty()) {
            Class<?> supertype = supertypes.poll();
            try {
                Method declared = supertype.getMethod(method.getName(), method.getParameterTypes());
                if (declared.isAnnotationPresent(NotebookName.class)) {
                    return Optional.of(declared);
                }
            } catch (NoSuchMethodException e) {
                // Not declared by this supertype; its own supertypes may still declare it.
            }
            if (supertype.getSuperclass() != null) {
                supertypes.add(supertype.getSuperclass());
            }
            supertypes.addAll(List.of(supertype.getInterfaces()));
        }
        return Optional.empty();
    }
}
