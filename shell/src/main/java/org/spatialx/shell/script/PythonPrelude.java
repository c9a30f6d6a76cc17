package org.spatialx.shell.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Python (GraalPy): {@code spatialx_connector.py} runs as the module {@code spatialx_connector},
 * which scripts import; REPL input, completion and error lines go through its helpers.
 */
final class PythonPrelude extends Prelude {

    PythonPrelude() {
        super("python", ".py");
    }

    @Override
    void configure(Context.Builder builder) {
        builder.option("python.WarnExperimentalFeatures", "false");
    }

    @Override
    void install(Context context, ScriptBridge bridge) {
        Value globals = context.getBindings(language);
        globals.putMember("_spatialx_bridge", bridge);
        globals.putMember("_spatialx_source", source());
        globals.putMember("_spatialx_name", sourceName);
        context.eval(Source.create(language, """
                def _spatialx_bootstrap():
                    import builtins, sys
                    module = type(sys)("spatialx_connector")
                    module.__file__ = _spatialx_name
                    module._bridge = _spatialx_bridge
                    sys.modules["spatialx_connector"] = module
                    exec(compile(_spatialx_source, _spatialx_name, "exec"), module.__dict__)
                    sys.argv = [_spatialx_bridge.argument(i) for i in range(_spatialx_bridge.argumentCount())]
                    if hasattr(builtins, "help"):
                        builtins._spatialx_original_help = builtins.help
                    builtins.help = module.help
                    module._install_quitters()
                _spatialx_bootstrap()
                del _spatialx_bootstrap, _spatialx_bridge, _spatialx_source, _spatialx_name
                """));
    }

    @Override
    void beforeRun(Context context, String file) {
        context.getBindings(language).putMember("__file__", file);
    }

    @Override
    void evalInteractive(Context context, String code, String inputName) {
        // GraalPy's interactive mode compiles one statement; the prelude allows several, like IPython.
        Value exitStatus = context.eval(language,
                "lambda source, name: __import__('spatialx_connector')._repl_exec(source, name, globals())")
                .execute(code, inputName);
        if (!exitStatus.isNull()) {
            // raised at the top level, where GraalPy turns SystemExit into the context's exit with this status
            context.eval(Source.create(language, "raise SystemExit(" + exitStatus.asInt() + ")"));
        }
    }

    @Override
    boolean isIncomplete(Context context, String code) {
        return context.eval(language, "__import__('spatialx_connector')._incomplete").execute(code).asBoolean();
    }

    @Override
    Value complete(Context context, String line) {
        return context.eval(language, "lambda line: __import__('spatialx_connector')._complete(line, globals())").execute(line);
    }

    /** Read from the exception's traceback, which knows the innermost frame of the user's code. */
    @Override
    String userLocation(Context context, PolyglotException error) {
        if (!error.isGuestException() || error.isExit() || error.isInterrupted() || error.isCancelled()) {
            return null;
        }
        Value where = context.eval(language, "__import__('spatialx_connector')._user_location").execute(error.getGuestObject());
        return where.isNull() ? null : where.getArrayElement(0).asString() + ":" + where.getArrayElement(1).asInt();
    }

    @Override
    void prepareInteractive(Context context) {
        evalInteractive(context, "import os, sys\nimport spatialx_connector\nfrom spatialx_connector import *\n", "setup");
    }
}
