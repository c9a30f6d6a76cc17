package org.spatialx.shell.cli;

import java.io.PrintStream;
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

    /** The script runtime of the command line, for the home folder {@code home}; progress on standard error. */
    public static ScriptRuntime standard(SpatialxHome home) {
        return standard(home, System.err);
    }

    /** The script runtime of the command line, showing the progress of uploads and server waits on {@code progress}. */
    public static ScriptRuntime standard(SpatialxHome home, PrintStream progress) {
        return new ScriptRuntime(home, new DefaultConnectorFactory(home, progress))
                .functions(new SpatialPictures());
    }
}
