package org.spatialx.shell.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * JavaScript (GraalJS): {@code spatialx_connector.js} is a function of the bridge and the global
 * object that defines the notebook's names as globals; REPL input uses GraalJS's interactive mode.
 */
final class JavaScriptPrelude extends Prelude {

    JavaScriptPrelude() {
        super("js", ".js");
    }

    @Override
    void install(Context context, ScriptBridge bridge) {
        Value install = context.eval(Source.newBuilder(language, source(), sourceName).buildLiteral());
        install.execute(bridge, context.eval(language, "globalThis"));
    }

    @Override
    void evalInteractive(Context context, String code, String inputName) {
        context.eval(Source.newBuilder(language, code, inputName).interactive(true).cached(false).buildLiteral());
    }

    @Override
    boolean isIncomplete(Context context, String code) {
        try {
            context.parse(Source.newBuilder(language, code, "repl").interactive(true).cached(false).buildLiteral());
            return false;
        } catch (PolyglotException e) {
            return e.isIncompleteSource();
        }
    }

    @Override
    Value complete(Context context, String line) {
        return context.eval(language, "globalThis.__spatialx_complete").execute(line);
    }
}
