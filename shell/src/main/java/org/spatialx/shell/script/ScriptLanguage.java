package org.spatialx.shell.script;

import java.nio.file.Path;
import java.util.Locale;

/** The two script languages of the shell, with their GraalVM language ids. */
public enum ScriptLanguage {
    PYTHON("python", ".py"),
    JS("js", ".js");

    private final String id;
    private final String extension;

    ScriptLanguage(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /** The GraalVM language id ({@code python}, {@code js}). */
    public String id() {
        return id;
    }

    /** The file extension, with its dot. */
    public String extension() {
        return extension;
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
