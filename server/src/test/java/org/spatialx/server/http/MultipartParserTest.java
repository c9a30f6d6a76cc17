package org.spatialx.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming multipart parser on bodies as Python requests and other clients write them. */
class MultipartParserTest {

    @TempDir
    Path temp;

    private static byte[] body(String boundary, String disposition, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"is_chunk\"\r\n\r\nTrue\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Delivers at most 7 bytes per read, to exercise the buffer edges. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void contentThatLooksLikeTheBoundaryIsKeptAndTheShaIsComputed() throws Exception {
        String boundary = "b0undary";
        // near misses of the delimiter (RFC 2046: the delimiter itself never occurs in a part)
        byte[] content = ("x\r\n--b0undar\r\n-b0undary\r--b0undary" + "\r\n".repeat(3)).getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[700_001];
        new Random(1).nextBytes(random);
        for (byte[] payload : new byte[][] {content, random, new byte[0]}) {
            var parsed = new MultipartParser(trickle(body(boundary, "form-data; name=\"file\"; filename=\"a b.tif\"",
                    payload)), boundary, temp, 1 << 20).parse();
            assertEquals("True", parsed.fields().get("is_chunk").get(0));
            FilePart part = parsed.files().get(0);
            assertEquals("a b.tif", part.fileName());
            assertArrayEquals(payload, Files.readAllBytes(part.content()));
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(payload)), part.sha256());
        }
    }

    @Test
    void extendedAndEscapedFileNamesAreDecoded() throws Exception {
        var parsed = new MultipartParser(new ByteArrayInputStream(body("b", "form-data; name=\"file\"; "
                + "filename*=UTF-8''na%C3%AFve%20file.txt", new byte[] {1})), "b", temp, 10).parse();
        assertEquals("naïve file.txt", parsed.files().get(0).fileName());
        var quoted = new MultipartParser(new ByteArrayInputStream(body("b", "form-data; name=\"file\"; "
                + "filename=\"say %22hi%22; ok.txt\"", new byte[] {1})), "b", temp, 10).parse();
        assertEquals("say \"hi\"; ok.txt", quoted.files().get(0).fileName());
        assertEquals("b", MultipartParser.boundaryOf("multipart/form-data; boundary=\"b\""));
    }

    @Test
    void truncatedAndOversizedBodiesFailAndLeaveNoTemporaryFile() throws Exception {
        byte[] full = body("b", "form-data; name=\"file\"; filename=\"f\"", new byte[100]);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
        assertThrows(MultipartParser.MalformedMultipartException.class,
                () -> new MultipartParser(new ByteArrayInputStream(cut), "b", temp, 1000).parse());
        assertThrows(MultipartParser.PartTooLargeException.class,
                () -> new MultipartParser(new ByteArrayInputStream(full), "b", temp, 99).parse());
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count());
        }
    }
}
