package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.spatialx.server.LocalServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed multipart bodies: each is a 400 envelope naming what was wrong, no temporary part is left behind
 * and nothing is stored (MultipartParserTest covers the parser itself).
 */
class MultipartSecurityTest {

    @RegisterExtension
    final LocalServerExtension local = LocalServerExtension.started();

    private RawHttp.Answer post(String contentType, String body) throws IOException {
        try (RawHttp connection = RawHttp.connect(local.server().url())) {
            return connection.send("POST /openapi/upload/simple HTTP/1.1\r\nHost: x\r\nSpatialX-Token: t\r\n"
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length() + "\r\nConnection: close"
                    + "\r\n\r\n" + body).read(Duration.ofSeconds(10));
        }
    }

    private static String part(String disposition, String content) {
        return "--b\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + content + "\r\n";
    }

    @Test
    void malformedBodiesAreBadRequestsAndLeaveNothing() throws Exception {
        String file = part("name=\"file\"; filename=\"a.txt\"", "hello");
        String[][] cases = {
                {"multipart/form-data", file + "--b--\r\n", "no boundary"},
                {"multipart/form-data; boundary=b", "garbage" + file + "--b--\r\n", "does not start with the boundary"},
                {"multipart/form-data; boundary=b", file, "ended before the closing boundary"},
                {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n",
                        "no name"},
                {"multipart/form-data; boundary=b", "--b\r\nX: " + "h".repeat(20_000) + "\r\n\r\nx\r\n--b--\r\n",
                        "longer than"},
                {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"a.txt\"\r\n\r\nhello", "ended before the closing boundary"},
        };
        for (String[] c : cases) {
            RawHttp.Answer answer = post(c[0], c[1]);
            String body = answer.body();
            assertTrue(answer.status() == 200 && body.startsWith("{\"status\":400,") || answer.status() == 400, body);
            assertTrue(body.contains(c[2]), c[2] + ": " + body);
        }
        RawHttp.Answer noFile = post("multipart/form-data; boundary=b", part("name=\"folder_name\"", "") + "--b--\r\n");
        assertTrue(noFile.body().contains("needs a multipart file part named 'file'"), noFile.body());
        try (Stream<Path> tmp = Files.list(local.server().home().resolve("tmp"));
             Stream<Path> upload = Files.list(local.server().home().resolve("Upload"))) {
            assertEquals(0, tmp.count() + upload.count(), "a part or a file was left behind");
        }
        assertEquals(200, post("multipart/form-data; boundary=b", part("name=\"folder_name\"", "") + file + "--b--\r\n")
                .status());
    }
}
