package org.spatialx.shell.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * JavaScript (GraalJS): {@code spatialx_connector.js} is a function of the bridge and the global
 * object that defines the notebook's names as globals; REPL input uses GraalJS's interactive mode.
 */
final class JavaScriptPrelude implements Prelude {

    private static final String LANGUAGE = "js";

    @Override
    public String sourceName() {
        return "spatialx_connector.js";
    }

    @Override
    public void install(Context context, ScriptBridge bridge) {
        Value install = context.eval(Source.newBuilder(LANGUAGE, source(), sourceName()).buildLiteral());
        install.execute(bridge, context.eval(LANGUAGE, "globalThis"));
    }

    @Override
    public void evalInteractive(Context context, String code, String sourceName) {
        context.eval(Source.newBuilder(LANGUAGE, code, sourceName).interactive(true).cached(false).buildLiteral());
    }

    @Override
    public boolean isIncomplete(Context context, String code) {
        try {
            context.parse(Source.newBuilder(LANGUAGE, code, "repl").interactive(true).cached(false).buildLiteral());
            return false;
        } catch (PolyglotException e) {
            return e.isIncompleteSource();
        }
    }

    @Override
    public Value complete(Context context, String line) {
        return context.eval(LANGUAGE, "globalThis.__spatialx_complete").execute(line);
    }
}
