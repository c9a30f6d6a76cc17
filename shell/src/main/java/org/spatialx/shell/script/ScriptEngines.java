package org.spatialx.shell.script;

import java.nio.file.Path;
import org.graalvm.polyglot.Engine;

/**
 * The GraalVM engine shared by every script context of the process: sharing one engine lets a
 * second context reuse parsed sources and language initialisation.
 */
public final class ScriptEngines {

    /** The system property GraalVM reads for its resource cache (the GraalPy home is unpacked there). */
    public static final String RESOURCE_CACHE_PROPERTY = "polyglot.engine.userResourceCache";

    private ScriptEngines() {
    }

    /**
     * A new engine for Python and JavaScript whose language files are unpacked under
     * {@code languageCache} (unless the cache property is already set).
     */
    public static Engine create(Path languageCache) {
        if (System.getProperty(RESOURCE_CACHE_PROPERTY) == null) {
            System.setProperty(RESOURCE_CACHE_PROPERTY, languageCache.toAbsolutePath().toString());
        }
        return Engine.newBuilder("python", "js")
                // On a JDK without the Graal compiler, Truffle interprets; say nothing about it on every start.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }
}
