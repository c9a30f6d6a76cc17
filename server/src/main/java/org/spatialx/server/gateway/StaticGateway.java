package org.spatialx.server.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;

/**
 * The static file gateway {@code ucc.go/} (protocol 2.3): serves files under a study's
 * {@code data_path} (submission and analysis logs, zarr stores). The URL path is the absolute
 * local path without its leading {@code /} (protocol 1.1). Anything else is a 404 envelope.
 */
public final class StaticGateway implements Endpoints {

    private final Database database;
    private final Path studiesRoot;

    public StaticGateway(Database database, Path studiesRoot) throws IOException {
        this.database = database;
        this.studiesRoot = studiesRoot.toRealPath();
    }

    @Override
    public void register(ApiServer server) {
        server.raw("ucc.go/", (exchange, relative) -> serve(server, exchange, relative));
    }

    private void serve(ApiServer server, HttpExchange exchange, String relative) throws IOException {
        Path file = locate(relative);
        if (file == null) {
            server.sendError(exchange, 404, "Not found: /" + relative + ". The gateway serves files under a study's "
                    + "data_path (study/detail); a log appears once its job has started.");
            return;
        }
        // Job logs grow while clients poll them: the response is the file as it was when opened, exactly
        // the bytes the Content-Length announces (more would be refused by the server's stream, leaving the
        // client waiting for a body that never comes).
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            exchange.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head || size == 0 ? -1 : size);
            if (!head && size > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    copy(channel, size, out, file);
                }
            }
        }
    }

    /** Writes the first {@code size} bytes of {@code channel}; fails (closing the connection) if the file shrank. */
    private static void copy(FileChannel channel, long size, OutputStream out, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, 64 * 1024));
        long sent = 0;
        while (sent < size) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), size - sent));
            int read = channel.read(buffer, sent);
            if (read < 0) {
                throw new IOException(file + " shrank from " + size + " to " + sent + " bytes while it was sent");
            }
            out.write(buffer.array(), 0, read);
            sent += read;
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
