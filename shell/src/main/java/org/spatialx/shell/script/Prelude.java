package org.spatialx.shell.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One script language's side of a {@link ScriptSession}: installs the {@code spatialx_connector}
 * API into a new context (the prelude script of the same name beside this class, talking to the
 * {@link ScriptBridge}) and runs REPL input, completion and error locations the language's way.
 * The session calls these on its worker thread.
 */
abstract sealed class Prelude permits PythonPrelude, JavaScriptPrelude {

    /** The GraalVM language id. */
    final String language;

    /** The prelude script's source name; error locations inside it are not the user's line. */
    final String sourceName;

    /** The prelude of {@code language}, whose script is the resource {@code spatialx_connector<extension>}. */
    Prelude(String language, String extension) {
        this.language = language;
        this.sourceName = ScriptBridge.MODULE + extension;
    }

    /** Sets language options of a context about to be built. */
    void configure(Context.Builder builder) {
    }

    /** Installs the notebook API into {@code context}. */
    abstract void install(Context context, ScriptBridge bridge);

    /** Prepares {@code context} to run the script {@code file}. */
    void beforeRun(Context context, String file) {
    }

    /** Evaluates REPL input (errors name it {@code inputName}) and prints the value of a final expression, as the language's own REPL does. */
    abstract void evalInteractive(Context context, String code, String inputName);

    /** True while {@code code} needs more lines (an open bracket, string or block). */
    abstract boolean isIncomplete(Context context, String code);

    /** Completions of the end of {@code line}, as a guest array of strings. */
    abstract Value complete(Context context, String line);

    /** {@code file:line} of the innermost user code where {@code error} happened, as the language knows it; null when it does not. */
    String userLocation(Context context, PolyglotException error) {
        return null;
    }

    /** Makes the notebook's names usable as they are at the REPL prompt. */
    void prepareInteractive(Context context) {
    }

    /** The prelude script's text, from the shell jar. */
    String source() {
        try (InputStream in = Prelude.class.getResourceAsStream(sourceName)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + sourceName + " in the shell jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
