package org.spatialx.shell.script;

import java.nio.file.Path;
import java.util.Locale;

/** The two script languages of the shell: GraalVM language id, file extension, REPL texts and prelude. */
public enum ScriptLanguage {
    PYTHON("python", ".py", ">>> ", "Python, GraalPy",
            "connector = SpatialXConnector()   # the local server; or SpatialXConnector(domain=..., token=...)",
            new PythonPrelude()),
    JS("js", ".js", "> ", "JavaScript, GraalJS",
            "const connector = new SpatialXConnector()   // the local server; or {domain, token}",
            new JavaScriptPrelude());

    private final String id;
    private final String extension;
    private final String prompt;
    private final String title;
    private final String connectExample;
    private final Prelude prelude;

    ScriptLanguage(String id, String extension, String prompt, String title, String connectExample, Prelude prelude) {
        this.id = id;
        this.extension = extension;
        this.prompt = prompt;
        this.title = title;
        this.connectExample = connectExample;
        this.prelude = prelude;
    }

    /** The GraalVM language id ({@code python}, {@code js}). */
    public String id() {
        return id;
    }

    /** The file extension, with its dot. */
    public String extension() {
        return extension;
    }

    /** The REPL prompt of a first line: {@code >>> } (Python) or {@code > } (JavaScript). */
    public String prompt() {
        return prompt;
    }

    /** The language and its runtime, e.g. {@code Python, GraalPy}. */
    public String title() {
        return title;
    }

    /** The line that opens a connector, as the REPL's banner shows it. */
    public String connectExample() {
        return connectExample;
    }

    /** What installs the notebook API into a context of this language. */
    Prelude prelude() {
        return prelude;
    }

    /** The language of a script file, by extension. */
    public static ScriptLanguage ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ScriptLanguage language : values()) {
            if (name.endsWith(language.extension)) {
                return language;
            }
        }
        if (name.endsWith(".mjs")) {
            return JS;
        }
        throw new IllegalArgumentException("Cannot tell the language of " + file + ": use a .py (Python) or .js (JavaScript) file");
    }

    /** Parses {@code python}, {@code py}, {@code js} or {@code javascript}. */
    public static ScriptLanguage parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "python", "py" -> PYTHON;
            case "js", "javascript" -> JS;
            default -> throw new IllegalArgumentException("Unknown language '" + text + "'; use python or js");
        };
    }
}
