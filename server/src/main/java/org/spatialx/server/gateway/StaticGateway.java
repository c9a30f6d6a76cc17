package org.spatialx.server.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;

/**
 * The static file gateway {@code ucc.go/} (protocol 2.3): serves files under a study's
 * {@code data_path} (submission and analysis logs, zarr stores). The URL path is the absolute
 * local path without its leading {@code /} (protocol 1.1). Anything else is a 404 envelope.
 */
public final class StaticGateway {

    private final ApiServer server;
    private final Database database;
    private final Path studiesRoot;

    public StaticGateway(ApiServer server, Database database, Path studiesRoot) throws IOException {
        this.server = server;
        this.database = database;
        this.studiesRoot = studiesRoot.toRealPath();
    }

    public void register() {
        server.raw("ucc.go/", this::serve);
    }

    private void serve(HttpExchange exchange, String relative) throws IOException {
        Path file = locate(relative);
        if (file == null) {
            server.sendError(exchange, 404, "Not found: /" + relative + ". The gateway serves files under a study's "
                    + "data_path (study/detail); a log appears once its job has started.");
            return;
        }
        long size = Files.size(file);
        exchange.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head || size == 0 ? -1 : size);
        if (!head && size > 0) {
            try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    /** The real file for the URL path, or null when it is not a readable file inside a live study's data path. */
    private Path locate(String relative) {
        if (relative.isEmpty() || relative.indexOf('\0') >= 0) {
            return null;
        }
        try {
            Path requested = Path.of("/" + relative);
            for (Path part : requested) {
                if (part.toString().equals("..")) {
                    return null;
                }
            }
            Path normal = requested.normalize();
            if (!Files.isRegularFile(normal)) {
                return null;
            }
            Path real = normal.toRealPath();
            if (!real.startsWith(studiesRoot) || real.getNameCount() <= studiesRoot.getNameCount() + 1) {
                return null;
            }
            String studyId = real.getName(studiesRoot.getNameCount()).toString();
            Path dataPath = studiesRoot.resolve(studyId);
            boolean known = database.read(c -> Sql.count(c,
                    "SELECT COUNT(*) FROM studies WHERE study_id = ?", studyId) > 0);
            return known && real.startsWith(dataPath) ? real : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".log") || n.endsWith(".txt") || n.endsWith(".csv") || n.endsWith(".tsv")) {
            return "text/plain; charset=utf-8";
        }
        if (n.endsWith(".json") || n.equals(".zattrs") || n.equals(".zgroup") || n.equals(".zarray")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
