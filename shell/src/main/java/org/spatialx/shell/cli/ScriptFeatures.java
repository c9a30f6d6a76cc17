package org.spatialx.shell.cli;

import java.nio.file.Path;
import java.util.Map;
import org.spatialx.shell.picture.SpatialPictures;
import org.spatialx.shell.script.DefaultConnectorFactory;
import org.spatialx.shell.script.ScriptRuntime;
import org.spatialx.shell.script.SpatialxHome;

/**
 * What scripts of {@code spatialx run} and {@code spatialx shell} get, composed in one place: the
 * real connector (the embedded local server of the home for an empty domain) and
 * {@code render_spatial}. The script runtime and the features know nothing of each other.
 */
public final class ScriptFeatures {

    private ScriptFeatures() {
    }

    /** The script runtime of the command line, for the home folder {@code home}. */
    public static ScriptRuntime standard(SpatialxHome home) {
        return standard(home, Map.of());
    }

    /**
     * The script runtime of the command line, for the home folder {@code home}, whose embedded server
     * also serves {@code mounts} ({@code --mount NAME=PATH}).
     */
    public static ScriptRuntime standard(SpatialxHome home, Map<String, Path> mounts) {
        DefaultConnectorFactory connectors = new DefaultConnectorFactory(home, mounts);
        return new ScriptRuntime(home, connectors).functions(new SpatialPictures(connectors));
    }
}
