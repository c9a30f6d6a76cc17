package org.spatialx.shell.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.spatialx.api.NotebookMembers;

/**
 * An object as scripts see it: members by Python name, each a {@link NotebookMember} called on the
 * Java object that declares it. Everything a script calls goes through one of these, built one of
 * two ways: {@link #of} exposes one Java object's annotated methods and, for a {@link NotebookMembers},
 * its run-time functions (a connector, a sub-object such as {@code connector.analysis.embeddings}), {@link #namespace} gathers the annotated methods of several
 * objects under one name (the module functions of {@code spatialx_connector}).
 */
public final class NotebookObject {

    private final String typeName;
    private final Map<String, Bound> members;

    /** A member and the object it is called on. */
    private record Bound(Object target, NotebookMember member) {
    }

    private NotebookObject(String typeName, Map<String, Bound> members) {
        this.typeName = typeName;
        this.members = members;
    }

    /** The annotated methods of {@code target}, named after its class. */
    public static NotebookObject of(Object target) {
        return namespace(target.getClass().getSimpleName(), List.of(target));
    }

    /**
     * The annotated methods of every object of {@code targets} as the members of one object called
     * {@code name}.
     *
     * @throws IllegalArgumentException when two targets bind the same Python name
     */
    public static NotebookObject namespace(String name, List<?> targets) {
        Map<String, Bound> members = new TreeMap<>();
        for (Object target : targets) {
            List<NotebookMember> bound = new java.util.ArrayList<>(NotebookApi.of(target.getClass()).members());
            if (target instanceof NotebookMembers dynamic) {
                dynamic.notebookMembers().forEach(function -> bound.add(NotebookMember.of(function)));
            }
            for (NotebookMember member : bound) {
                Bound previous = members.put(member.name(), new Bound(target, member));
                if (previous != null) {
                    throw new IllegalArgumentException(name + ": both " + previous.target().getClass().getName() + " and "
                            + target.getClass().getName() + " bind '" + member.name() + "'");
                }
            }
        }
        return new NotebookObject(name, Map.copyOf(members));
    }

    /** The name scripts see in messages and {@code repr} (a Java simple class name, never a {@code toString}). */
    public String typeName() {
        return typeName;
    }

    /** The member called {@code name} in Python. */
    public Optional<NotebookMember> member(String name) {
        return Optional.ofNullable(members.get(name)).map(Bound::member);
    }

    /** Every member, sorted by Python name. */
    public List<NotebookMember> members() {
        return new TreeMap<>(members).values().stream().map(Bound::member).toList();
    }

    /**
     * Calls the member {@code name} with script arguments (see {@link NotebookMember#invoke}).
     *
     * @throws ScriptArgumentException when there is no such member, or for arguments that do not fit
     * @throws Exception               whatever the Java method throws
     */
    public Object call(String name, List<JsonNode> positional, Map<String, JsonNode> named, ObjectMapper mapper)
            throws Exception {
        Bound bound = members.get(name);
        if (bound == null) {
            throw new ScriptArgumentException(typeName + " has no method '" + name + "'");
        }
        return bound.member().invoke(bound.target(), positional, named, mapper);
    }
}
