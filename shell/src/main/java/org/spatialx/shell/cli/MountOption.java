package org.spatialx.shell.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialx.shell.runtime.Invocation;
import picocli.CommandLine.Option;

/**
 * {@code --mount NAME=PATH} of {@code spatialx run} and {@code spatialx shell}: local folders the
 * embedded server of the script serves under a name ({@code connector.folders}). Any readable local
 * path works as a data path without it; a mount gives a folder a name to list and join paths to.
 */
final class MountOption {

    @Option(names = "--mount", paramLabel = "NAME=PATH",
            description = "Serve a local folder under a name in the embedded server (repeatable); "
                    + "scripts see it in connector.folders.")
    Map<String, Path> mounts = new LinkedHashMap<>();

    /** The mounts, relative folders resolved against the command's working directory. */
    Map<String, Path> resolved() {
        Map<String, Path> absolute = new LinkedHashMap<>();
        mounts.forEach((name, path) -> absolute.put(name, Invocation.current().resolve(path)));
        return absolute;
    }
}
