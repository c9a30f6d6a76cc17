package org.spatialx.formats.anndata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.formats.testing.Matrices.assertSameMatrix;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.testing.Matrices;
import org.spatialx.formats.zarr.ZarrStore;

/** A table read over real HTTP on loopback, one GET per key, as the client reads protocol 7.4's layout. */
class RemoteTableTest {

    @TempDir
    Path dir;

    /** The store a client writes: keys become GETs under a base URL; 404 means absent. */
    record HttpStore(HttpClient client, URI base) implements ZarrStore {
        @Override
        public Optional<byte[]> read(String key) throws IOException {
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve(key.replace(" ", "%20")))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " for " + key);
                }
                return Optional.of(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Test
    void readsOneGeneOverHttpFetchingOnlyItsChunks() throws Exception {
        ExpressionMatrix m = Matrices.random(3000, 400, 100, 11); // X/data and X/indices span two chunks
        Path table = dir.resolve("table/TB-1");
        new AnnDataWriter().create(table, m, AnnDataWriter.cellQc(m));
        Set<String> fetched = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestURI().getPath().substring(1);
            Path file = table.resolve(key);
            fetched.add(key);
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            AnnDataTable remote = AnnDataTable.open(new HttpStore(client, base), "");
            ExpressionReader x = remote.expression();
            assertSameMatrix(Matrices.columns(m, 5), x.genes(5));
            assertTrue(fetched.contains("X/data/0") && fetched.contains("X/indices/0"), fetched.toString());
            assertFalse(fetched.contains("X/data/1") || fetched.contains("X/indices/1"),
                    "gene 5 lies in the first chunks; nothing else of X is fetched: " + fetched);
            assertEquals(AnnDataWriter.cellQc(m).get(1) instanceof TableEntry.Obs o ? o.column() : null,
                    remote.obs(AnnDataWriter.NUMBER_OF_TRANSCRIPTS));
            assertEquals(List.of("n_genes_by_counts", "total_counts"), remote.ids(Slot.OBS));
            assertSameMatrix(Matrices.rows(m, 2999, 3), x.cells(2999, 3));
        } finally {
            server.stop(0);
        }
    }
}
