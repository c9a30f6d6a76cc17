import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step of the shell module (run by exec-maven-plugin as a single-file program): collects the
 * Javadoc of every method annotated {@code @NotebookName} in the given source folders into a
 * properties file, key {@code SimpleClassName#python_name}, read by the REPL's {@code help(...)}.
 *
 * <p>Usage: {@code java NotebookDocsGenerator.java <output.properties> <source-folder>...}
 */
public final class NotebookDocsGenerator {

    private static final Pattern ANNOTATED = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*((?:@(?!NotebookName)[\\w.]+(?:\\([^)]*\\))?\\s*)*)@NotebookName\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"",
            Pattern.DOTALL);
    // A declaration starts its line (Javadoc lines start with '*', so their prose never matches).
    private static final Pattern TYPE = Pattern.compile(
            "^[ \\t]*(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)",
            Pattern.MULTILINE);

    public static void main(String[] args) throws IOException {
        TreeMap<String, String> docs = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            Path root = Path.of(args[i]);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    collect(Files.readString(file, StandardCharsets.UTF_8), docs);
                }
            }
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output.getParent());
        // Written by hand (sorted, UTF-8, no date line) so the generated file is reproducible.
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (var entry : docs.entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\") + "\n");
            }
        }
    }

    private static void collect(String source, TreeMap<String, String> docs) {
        Matcher matcher = ANNOTATED.matcher(source);
        while (matcher.find()) {
            // The innermost type whose body encloses the method.
            String type = null;
            Matcher types = TYPE.matcher(source.substring(0, matcher.start()));
            while (types.find()) {
                if (bodyEnd(source, types.end()) > matcher.start()) {
                    type = types.group(1);
                }
            }
            if (type != null) {
                docs.put(type + "#" + matcher.group(3), clean(matcher.group(1)));
            }
        }
    }

    /** The index of the brace closing the body that opens after {@code from} (string literals skipped). */
    private static int bodyEnd(String source, int from) {
        int open = source.indexOf('{', from);
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i >= 0 && i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"' && source.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}' && --depth == 0) {
                return i;
            }
        }
        return source.length();
    }

    /** {@code {@code x}} and {@code {@literal x}} to x, keeping braces nested inside (e.g. paths={}). */
    private static String unwrapInlineTags(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int tag = indexOfTag(text, i);
            if (tag < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, tag);
            int start = text.indexOf(' ', tag) + 1;
            int depth = 1;
            int j = start;
            for (; j < text.length() && depth > 0; j++) {
                depth += text.charAt(j) == '{' ? 1 : text.charAt(j) == '}' ? -1 : 0;
            }
            out.append(text, start, Math.max(start, j - 1));
            i = j;
        }
        return out.toString();
    }

    private static int indexOfTag(String text, int from) {
        int code = text.indexOf("{@code ", from);
        int literal = text.indexOf("{@literal ", from);
        return code < 0 ? literal : literal < 0 ? code : Math.min(code, literal);
    }

    private static String clean(String javadoc) {
        StringBuilder text = new StringBuilder();
        for (String line : javadoc.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("*")) {
                stripped = stripped.substring(1).strip();
            }
            if (stripped.startsWith("@")) {
                break; // @param, @return, @throws: the signature and keyword list say it already
            }
            text.append(stripped).append(' ');
        }
        return unwrapInlineTags(text.toString())
                .replaceAll("\\{@link(?:plain)? (?:[\\w.]*#)?([^} ]*)[^}]*}", "$1")
                .replaceAll("<[^>]+>", "")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
