package org.spatialx.shell.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * JavaScript (GraalJS): {@code spatialx_connector.js} is a function of the bridge and the global
 * object that defines the notebook's names as globals. REPL input shows its value as GraalJS's
 * interactive mode does, except a notebook object, which shows as its text.
 */
final class JavaScriptPrelude extends Prelude {

    /** The global that holds the value of REPL input while it is printed. */
    private static final String LAST_VALUE = "__spatialx_last";

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
        Value value = context.eval(Source.newBuilder(language, code, inputName).cached(false).buildLiteral());
        if (context.eval(language, "globalThis.__spatialx_display").execute(value).asBoolean()) {
            return;
        }
        // any other value is printed by GraalJS's interactive mode, as it prints the input's own value
        Value global = context.eval(language, "globalThis");
        global.putMember(LAST_VALUE, value);
        try {
            context.eval(Source.newBuilder(language, "globalThis." + LAST_VALUE, inputName).interactive(true)
                    .cached(false).buildLiteral());
        } finally {
            global.removeMember(LAST_VALUE);
        }
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
