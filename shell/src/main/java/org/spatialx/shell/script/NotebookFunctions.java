package org.spatialx.shell.script;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.NotebookName;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.print.PythonTuple;

/**
 * The module functions of {@code spatialx_connector} that every script session has beside
 * {@code SpatialXConnector}, bound like every notebook call.
 */
public final class NotebookFunctions {

    /**
     * How the Python prelude marks a tuple in {@code parse_to_str}'s argument, which arrives as
     * JSON (no tuples there): {@code {"\0tuple": [items]}}.
     */
    static final String TUPLE = "\0tuple";

    /**
     * {@code parse_to_str(value, level=0)}: the text {@code format_print} prints (protocol 10):
     * nested dicts and lists indented by four spaces, Python scalars; nested lines are indented
     * {@code level + 1} times.
     */
    @NotebookName("parse_to_str")
    public String parseToStr(Object value, ParseToStrOptions options) {
        return FormatPrint.parseToStr(tuples(value), options.level());
    }

    /**
     * The keyword arguments of {@code parse_to_str(...)}.
     *
     * @param level the nesting level of {@code value}
     */
    public record ParseToStrOptions(int level) {

        /** The defaults: {@code level=0}. */
        public static ParseToStrOptions defaults() {
            return new ParseToStrOptions(0);
        }
    }

    /**
     * {@code temporary_folder(prefix="spatialx-")}: creates a new empty folder in the system's
     * temporary folder and returns its path (JavaScript has no file system module; Python may use
     * it too).
     */
    @NotebookName("temporary_folder")
    public String temporaryFolder(TemporaryFolderOptions options) throws IOException {
        return Files.createTempDirectory(options.prefix()).toString();
    }

    /**
     * The keyword arguments of {@code temporary_folder(...)}.
     *
     * @param prefix the start of the folder's name
     */
    public record TemporaryFolderOptions(String prefix) {

        /** The defaults: {@code prefix="spatialx-"}. */
        public static TemporaryFolderOptions defaults() {
            return new TemporaryFolderOptions("spatialx-");
        }
    }

    /** {@code value} read from JSON, with the marked tuples as {@link PythonTuple}s. */
    private static Object tuples(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get(TUPLE) instanceof List<?> items) {
                return new PythonTuple(items.stream().map(NotebookFunctions::tuples).toList());
            }
            Map<Object, Object> entries = new LinkedHashMap<>();
            map.forEach((key, item) -> entries.put(key, tuples(item)));
            return entries;
        }
        if (value instanceof List<?> items) {
            return items.stream().map(NotebookFunctions::tuples).toList();
        }
        return value;
    }
}
