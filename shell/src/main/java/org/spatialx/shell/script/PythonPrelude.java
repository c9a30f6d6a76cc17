package org.spatialx.shell.script;

import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Python (GraalPy): {@code spatialx_connector.py} runs as the module {@code spatialx_connector},
 * which scripts import; REPL input, completion and error lines go through its helpers.
 */
final class PythonPrelude implements Prelude {

    private static final String LANGUAGE = "python";

    @Override
    public String sourceName() {
        return "spatialx_connector.py";
    }

    @Override
    public void configure(Context.Builder builder) {
        builder.option("python.WarnExperimentalFeatures", "false");
    }

    @Override
    public void install(Context context, ScriptBridge bridge) {
        Value globals = context.getBindings(LANGUAGE);
        globals.putMember("_spatialx_bridge", bridge);
        globals.putMember("_spatialx_source", source());
        context.eval(Source.create(LANGUAGE, """
                def _spatialx_bootstrap():
                    import builtins, json, sys, types
                    module = types.ModuleType("spatialx_connector")
                    module.__file__ = "spatialx_connector.py"
                    module._bridge = _spatialx_bridge
                    sys.modules["spatialx_connector"] = module
                    exec(compile(_spatialx_source, "spatialx_connector.py", "exec"), module.__dict__)
                    sys.argv = json.loads(_spatialx_bridge.argvJson())
                    if hasattr(builtins, "help"):
                        builtins._spatialx_original_help = builtins.help
                    builtins.help = module.help
                _spatialx_bootstrap()
                del _spatialx_bootstrap, _spatialx_bridge, _spatialx_source
                """));
    }

    @Override
    public void beforeRun(Context context, Path file) {
        context.getBindings(LANGUAGE).putMember("__file__", file.toString());
    }

    @Override
    public void evalInteractive(Context context, String code, String sourceName) {
        // GraalPy's interactive mode compiles one statement; the prelude allows several, like IPython.
        context.eval(LANGUAGE, "lambda source, name: __import__('spatialx_connector')._repl_exec(source, name, globals())")
                .execute(code, sourceName);
    }

    @Override
    public boolean isIncomplete(Context context, String code) {
        return context.eval(LANGUAGE, "__import__('spatialx_connector')._incomplete").execute(code).asBoolean();
    }

    @Override
    public Value complete(Context context, String line) {
        return context.eval(LANGUAGE, "lambda line: __import__('spatialx_connector')._complete(line, globals())").execute(line);
    }

    /** Read from the exception's traceback, which knows the innermost frame of the user's code. */
    @Override
    public String userLocation(Context context, PolyglotException error) {
        if (!error.isGuestException() || error.isExit() || error.isInterrupted() || error.isCancelled()) {
            return null;
        }
        Value where = context.eval(LANGUAGE, "__import__('spatialx_connector')._user_location").execute(error.getGuestObject());
        return where.isNull() ? null : where.getArrayElement(0).asString() + ":" + where.getArrayElement(1).asInt();
    }

    @Override
    public void prepareInteractive(Context context) {
        evalInteractive(context, "import os, sys\nimport spatialx_connector\nfrom spatialx_connector import *\n", "setup");
    }
}
