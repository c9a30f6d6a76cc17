package org.spatialx.shell.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.stream.Collectors;
import org.spatialx.shell.binding.Keyword;
import org.spatialx.shell.binding.NotebookMember;
import org.spatialx.shell.binding.NotebookObject;

/**
 * The help texts of bound members: the Python signature derived from the Java method, followed by
 * the Javadoc that the build extracts from the sources into {@value #RESOURCE}
 * (keys {@code SimpleClassName#python_name}).
 */
public final class NotebookDocs {

    /** The class-path resource the build generates from the Javadoc of annotated methods. */
    public static final String RESOURCE = "META-INF/spatialx/notebook-docs.properties";

    private final Properties javadoc;

    private NotebookDocs(Properties javadoc) {
        this.javadoc = javadoc;
    }

    /** The docs found on the class path (none when the resource is absent). */
    public static NotebookDocs load() {
        Properties properties = new Properties();
        try (InputStream in = NotebookDocs.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NotebookDocs(properties);
    }

    /** The Javadoc of a member, or an empty string. */
    public String javadoc(NotebookMember member) {
        if (member.function() != null) {
            return member.function().doc();
        }
        Class<?> declaring = member.method().getDeclaringClass();
        String text = javadoc.getProperty(declaring.getSimpleName() + "#" + member.name());
        for (Class<?> type = declaring; text == null && type != null; type = type.getSuperclass()) {
            for (Class<?> implemented : type.getInterfaces()) {
                text = text == null ? javadoc.getProperty(implemented.getSimpleName() + "#" + member.name()) : text;
            }
        }
        return text == null ? "" : text;
    }

    /** Signature, Javadoc and the keyword arguments with their defaults. */
    public String describe(NotebookMember member) {
        StringBuilder out = new StringBuilder(member.property() ? member.name() + " (property)" : member.signature());
        String doc = javadoc(member);
        if (!doc.isEmpty()) {
            out.append("\n\n    ").append(doc.replace("\n", "\n    "));
        }
        if (!member.keywords().isEmpty()) {
            out.append("\n\n    Keyword arguments:");
            for (Keyword keyword : member.keywords()) {
                out.append("\n      ").append(keyword.name()).append(": ")
                        .append(keyword.type().getTypeName().replaceAll("[a-zA-Z0-9_]+\\.", ""))
                        .append(keyword.optional() ? " (optional)" : "");
            }
        }
        return out.toString();
    }

    /** The members of a bound object, one signature a line. */
    public String describe(NotebookObject object) {
        return object.typeName() + "\n" + object.members().stream()
                .map(m -> "    " + (m.property() ? m.name() + " (property)" : m.signature()))
                .collect(Collectors.joining("\n"));
    }
}
