package org.spatialx.shell.script;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens {@code org.spatialx.core.SpatialXConnector}: for an empty domain against the embedded
 * local server of the home folder ({@code org.spatialx.server.LocalServer.startOrReuse}).
 */
public final class DefaultConnectorFactory implements ConnectorFactory {

    private static final String CONNECTOR = "org.spatialx.core.SpatialXConnector";
    private static final String LOCAL_SERVER = "org.spatialx.server.LocalServer";

    private final Path home;

    /** A factory whose local server lives in {@code home}. */
    public DefaultConnectorFactory(SpatialxHome home) {
        this.home = home.root();
    }

    @Override
    public Object open(String domain, String token, Map<String, Object> options) throws Exception {
        String url = domain;
        String key = token;
        if (url.isBlank()) {
            // Looked up by name until the server module lands on this branch (see docs/shell.md).
            Class<?> serverType = load(LOCAL_SERVER, "the embedded local server (module server)");
            Object server = invoke(serverType.getMethod("startOrReuse", Path.class), null, home);
            url = (String) invoke(serverType.getMethod("url"), server);
            key = (String) invoke(serverType.getMethod("token"), server);
        }
        Class<?> connectorType = load(CONNECTOR, "the connector (module core)");
        try {
            return connectorType.getConstructor(String.class, String.class).newInstance(url, key);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Class<?> load(String name, String what) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(what + " is not part of this build yet (" + name + " not found)");
        }
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
