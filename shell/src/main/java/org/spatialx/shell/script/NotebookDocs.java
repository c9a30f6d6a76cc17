package org.spatialx.shell.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spatialx.api.NotebookSection;
import org.spatialx.shell.binding.Keyword;
import org.spatialx.shell.binding.NotebookMember;
import org.spatialx.shell.binding.NotebookObject;

/**
 * The help texts of bound members: the signature derived from the Java method in the script's
 * language, followed by the Javadoc that the build extracts from the sources into {@value #RESOURCE}
 * (keys {@code SimpleClassName#python_name}); of a bound object, its calls by notebook section.
 */
public final class NotebookDocs {

    /** The class-path resource the build generates from the Javadoc of annotated methods. */
    public static final String RESOURCE = "META-INF/spatialx/notebook-docs.properties";

    // a call or a qualified name at the start, then ":" or a note in parentheses
    // (connector.info: ..., Study.rename(new_name): ..., describe_data(data_path) (not in the Python SDK): ...)
    private static final Pattern LEADING_SIGNATURE = Pattern.compile(
            "(?:(?:[A-Za-z_]\\w*\\.)+[A-Za-z_]\\w*(?:\\([^)]*\\))?|[A-Za-z_]\\w*\\([^)]*\\))(?=:|\\s\\():?\\s*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!e\\.g|i\\.e)[.;](?=\\s|$)");
    private static final int SUMMARY_WIDTH = 110;

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
        Class<?> declaring = member.method().getDeclaringClass();
        String text = javadoc.getProperty(declaring.getSimpleName() + "#" + member.name());
        for (Class<?> type = declaring; text == null && type != null; type = type.getSuperclass()) {
            for (Class<?> implemented : type.getInterfaces()) {
                text = text == null ? javadoc.getProperty(implemented.getSimpleName() + "#" + member.name()) : text;
            }
        }
        return text == null ? "" : text;
    }

    /**
     * Signature (in {@code language}'s form), Javadoc and the keyword arguments with their types: in
     * Python {@code list_study(group, species, limit=50)}, in JavaScript one options object,
     * {@code list_study({group, species, limit: 50})}.
     */
    public String describe(NotebookMember member, ScriptLanguage language) {
        boolean python = language == ScriptLanguage.PYTHON;
        StringBuilder out = new StringBuilder(member.property() ? member.name() + " (property)"
                : python ? member.signature() : member.javaScriptSignature());
        String doc = withoutLeadingSignature(javadoc(member));
        if (!doc.isEmpty()) {
            out.append("\n\n    ").append(doc.replace("\n", "\n    "));
        }
        if (!member.keywords().isEmpty()) {
            out.append(python ? "\n\n    Keyword arguments:" : "\n\n    Options (one object, fields by name):");
            for (Keyword keyword : member.keywords()) {
                out.append("\n      ").append(keyword.name()).append(": ")
                        .append(keyword.type().getTypeName().replaceAll("[a-zA-Z0-9_]+\\.", ""))
                        .append(keyword.optional() ? " (optional)" : "");
            }
        }
        return out.toString();
    }

    /**
     * The members of a bound object grouped by the notebook section they belong to, one line each:
     * the name and the first sentence of its Javadoc.
     */
    public String describe(NotebookObject object, ScriptLanguage language) {
        Map<NotebookSection, List<NotebookMember>> bySection = new TreeMap<>();
        for (NotebookMember member : object.members()) {
            bySection.computeIfAbsent(member.section(), section -> new ArrayList<>()).add(member);
        }
        int width = object.members().stream().mapToInt(m -> label(m).length()).max().orElse(0);
        String example = bySection.values().stream().flatMap(List::stream).filter(m -> !m.property()).findFirst()
                .map(m -> "help(" + variable(object) + "." + m.name() + ")").orElse("help(...)");
        StringBuilder out = new StringBuilder(object.typeName() + ": " + object.members().size()
                + " calls by notebook section; " + example + " shows one"
                + (language == ScriptLanguage.PYTHON ? "" : " (JavaScript: one options object per call)") + ".");
        bySection.forEach((section, members) -> {
            out.append("\n\n").append(section.heading());
            for (NotebookMember member : members) {
                String label = label(member);
                out.append("\n    ").append(label).append(" ".repeat(width - label.length())).append("  ")
                        .append(summary(withoutLeadingSignature(javadoc(member)), SUMMARY_WIDTH - width - 6));
            }
        });
        return out.toString();
    }

    private static String label(NotebookMember member) {
        return member.property() ? member.name() : member.name() + "()";
    }

    /** How scripts usually name the object: {@code connector} for a connector, else the type in lower case. */
    private static String variable(NotebookObject object) {
        String type = object.typeName();
        return type.endsWith("Connector") ? "connector" : type.substring(0, 1).toLowerCase(Locale.ROOT) + type.substring(1);
    }

    /**
     * The Javadoc without the Python call it starts with ({@code list_study(group, species): ...},
     * {@code connector.info: ...}, {@code Study.rename(new_name): ...}): the help shows the signature
     * of the script's language above it.
     */
    static String withoutLeadingSignature(String doc) {
        Matcher matcher = LEADING_SIGNATURE.matcher(doc);
        return matcher.lookingAt() ? doc.substring(matcher.end()) : doc;
    }

    /** The first sentence, cut to {@code width} characters. */
    private static String summary(String doc, int width) {
        Matcher end = SENTENCE_END.matcher(doc);
        String sentence = !end.find() ? doc : doc.charAt(end.start()) == '.' ? doc.substring(0, end.start() + 1)
                : doc.substring(0, end.start());
        int room = Math.max(20, width);
        return sentence.length() <= room ? sentence : sentence.substring(0, room - 3).stripTrailing() + "...";
    }
}
