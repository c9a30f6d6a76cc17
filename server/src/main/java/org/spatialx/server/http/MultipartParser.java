package org.spatialx.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.server.storage.OwnerOnly;

/**
 * A streaming {@code multipart/form-data} parser: text parts are kept in memory (bounded), file
 * parts are written straight to temporary files while their SHA-256 is computed, so a 100 MiB
 * chunk never sits in memory.
 */
final class MultipartParser {

    private static final int BUFFER = 256 * 1024;
    private static final int MAX_TEXT = 1024 * 1024;
    private static final int MAX_HEADER_LINE = 16 * 1024;

    /** What a multipart body held. */
    record Parsed(Map<String, List<String>> fields, List<FilePart> files) {
    }

    private final InputStream in;
    private final byte[] delimiter; // CRLF--boundary
    private final int[] skip = new int[256];
    private final Path tempDir;
    private final long maxFileSize;
    private final PartRouter router;
    private final byte[] buf = new byte[BUFFER];
    private int start;
    private int end;
    private boolean eof;

    MultipartParser(InputStream in, String boundary, Path tempDir, long maxFileSize) {
        this(in, boundary, tempDir, maxFileSize, null);
    }

    /** A parser whose file parts go to {@code router}'s receivers when it gives one (null: temporary files). */
    MultipartParser(InputStream in, String boundary, Path tempDir, long maxFileSize, PartRouter router) {
        this.in = in;
        this.router = router;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        java.util.Arrays.fill(skip, delimiter.length);
        for (int k = 0; k < delimiter.length - 1; k++) {
            skip[delimiter[k] & 0xFF] = delimiter.length - 1 - k;
        }
        this.tempDir = tempDir;
        this.maxFileSize = maxFileSize;
    }

    /** The boundary parameter of a multipart content type, or null. */
    static String boundaryOf(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    Parsed parse() throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        try {
            // The body starts with --boundary (the delimiter without its leading CRLF).
            fill(delimiter.length);
            if (end - start < delimiter.length - 2 || !startsWith(delimiter, 2)) {
                throw malformed("the body does not start with the boundary");
            }
            start += delimiter.length - 2;
            while (true) {
                fill(2);
                if (end - start >= 2 && buf[start] == '-' && buf[start + 1] == '-') {
                    return new Parsed(fields, files); // closing delimiter
                }
                readLine(); // rest of the delimiter line (CRLF, maybe transport padding)
                Map<String, String> headers = readHeaders();
                String disposition = headers.getOrDefault("content-disposition", "");
                String name = param(disposition, "name");
                String fileName = param(disposition, "filename");
                if (fileName == null) {
                    fileName = extendedParam(disposition, "filename*");
                }
                if (name == null) {
                    throw malformed("a part has no name in its Content-Disposition header");
                }
                if (fileName == null) {
                    var text = new java.io.ByteArrayOutputStream();
                    copyUntilDelimiter(new LimitedOutput(text, MAX_TEXT, "text field '" + name + "'"));
                    fields.computeIfAbsent(name, k -> new ArrayList<>()).add(text.toString(StandardCharsets.UTF_8));
                } else {
                    PartReceiver receiver = router == null ? null : router.open(fields, name, fileName);
                    files.add(receiver == null ? receiveFile(name, fileName)
                            : receiveInto(receiver, name, fileName, hasValue(fields, "sha256")));
                }
            }
        } catch (IOException | RuntimeException e) {
            for (FilePart part : files) {
                release(part);
            }
            throw e;
        }
    }

    /** Deletes a part's temporary file or closes its receiver. */
    static void release(FilePart part) throws IOException {
        if (part.content() != null) {
            Files.deleteIfExists(part.content());
        }
        if (part.receiver() != null) {
            part.receiver().close();
        }
    }

    /**
     * Streams a file part to its route's receiver. Its own SHA-256 is computed only when {@code hash}
     * (the client sent a {@code sha256} field before the part): a route's receiver usually keeps a
     * running hash of its own, and hashing every byte twice costs throughput (BENCHMARKS.md, Uploads).
     */
    private FilePart receiveInto(PartReceiver receiver, String name, String fileName, boolean hash)
            throws IOException {
        MessageDigest sha = hash ? newSha256() : null;
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (sha != null) {
                    sha.update(b, off, len);
                }
                receiver.write(b, off, len);
            }
        };
        long size;
        try {
            LimitedOutput limited = new LimitedOutput(sink, maxFileSize, "file part '" + fileName + "'");
            copyUntilDelimiter(limited);
            size = limited.count;
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
        return new FilePart(name, fileName, null, size, sha == null ? null : HexFormat.of().formatHex(sha.digest()),
                receiver);
    }

    private static boolean hasValue(Map<String, List<String>> fields, String key) {
        List<String> values = fields.get(key);
        return values != null && values.stream().anyMatch(v -> !v.isBlank());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private FilePart receiveFile(String name, String fileName) throws IOException {
        OwnerOnly.createDirectories(tempDir);
        Path temp = Files.createTempFile(tempDir, ".part-", ".tmp", OwnerOnly.fileAttributes());
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        try (OutputStream file = Files.newOutputStream(temp);
             LimitedOutput limited = new LimitedOutput(new DigestOutputStream(file, sha), maxFileSize,
                     "file part '" + fileName + "'")) {
            copyUntilDelimiter(limited);
            size = limited.count;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new FilePart(name, fileName, temp, size, HexFormat.of().formatHex(sha.digest()));
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
    }

    /** A parameter of a Content-Disposition value: quoted (with {@code %22}/backslash escapes) or bare. */
    static String param(String header, String key) {
        int i = 0;
        while (i < header.length()) {
            int semi = header.indexOf(';', i);
            i = semi < 0 ? header.length() : semi + 1;
            int eq = header.indexOf('=', i);
            if (semi < 0 || eq < 0) {
                return null;
            }
            String k = header.substring(i, eq).trim();
            int v = eq + 1;
            String value;
            if (v < header.length() && header.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = v + 1;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    sb.append(c);
                    j++;
                }
                value = sb.toString().replace("%22", "\"");
                i = j + 1;
            } else {
                int next = header.indexOf(';', v);
                value = header.substring(v, next < 0 ? header.length() : next).trim();
                i = next < 0 ? header.length() : next;
            }
            if (k.equalsIgnoreCase(key)) {
                return value;
            }
        }
        return null;
    }

    /** An RFC 5987 parameter such as {@code filename*=UTF-8''na%C3%AFve.txt}, decoded; null if absent. */
    static String extendedParam(String header, String key) {
        String raw = param(header, key);
        if (raw == null) {
            return null;
        }
        int quote = raw.indexOf("''");
        String charset = quote > 0 ? raw.substring(0, quote) : "UTF-8";
        String encoded = quote >= 0 ? raw.substring(quote + 2) : raw;
        try {
            return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.Charset.forName(charset));
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    private String readLine() throws IOException {
        var line = new java.io.ByteArrayOutputStream();
        while (true) {
            if (start >= end) {
                fill(1);
                if (start >= end) {
                    throw malformed("the body ended inside a part header");
                }
            }
            byte b = buf[start++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
            if (line.size() > MAX_HEADER_LINE) {
                throw malformed("a part header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
        }
    }

    /** Copies bytes up to the next delimiter to {@code out} and consumes the delimiter. */
    private void copyUntilDelimiter(OutputStream out) throws IOException {
        int d = delimiter.length;
        while (true) {
            // big reads: fewer scans and file writes per part (the body stream ends at the request's end)
            fill(BUFFER / 2);
            int found = indexOfDelimiter();
            if (found >= 0) {
                out.write(buf, start, found - start);
                start = found + d;
                return;
            }
            if (eof) {
                throw malformed("the body ended before the closing boundary");
            }
            int safe = end - start - (d - 1);
            if (safe > 0) {
                out.write(buf, start, safe);
                start += safe;
            }
        }
    }

    /** Boyer-Moore-Horspool search for the delimiter in buf[start, end): skips up to its length per step. */
    private int indexOfDelimiter() {
        int d = delimiter.length;
        int last = end - d;
        int i = start;
        while (i <= last) {
            int j = d - 1;
            while (j >= 0 && buf[i + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
            i += skip[buf[i + d - 1] & 0xFF];
        }
        return -1;
    }

    private boolean startsWith(byte[] pattern, int from) {
        for (int k = from; k < pattern.length; k++) {
            if (buf[start + k - from] != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    /** Makes at least {@code wanted} bytes available (fewer only at end of stream). */
    private void fill(int wanted) throws IOException {
        if (end - start >= wanted || eof) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        while (!eof && end - start < wanted) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    private static IOException malformed(String what) {
        return new MalformedMultipartException("Malformed multipart body: " + what
                + ". Send multipart/form-data as protocol 1.4 describes.");
    }

    /** Thrown for a body that is not valid multipart. */
    static final class MalformedMultipartException extends IOException {
        MalformedMultipartException(String message) {
            super(message);
        }
    }

    /** An output that refuses more than {@code limit} bytes. */
    private static final class LimitedOutput extends OutputStream {
        private final OutputStream out;
        private final long limit;
        private final String what;
        long count;

        LimitedOutput(OutputStream out, long limit, String what) {
            this.out = out;
            this.limit = limit;
            this.what = what;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            if (count > limit) {
                throw new PartTooLargeException("The " + what + " is larger than the server accepts ("
                        + limit + " bytes); send it in smaller chunks (upload/chunk/process).");
            }
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Thrown when a part exceeds its size limit. */
    static final class PartTooLargeException extends IOException {
        PartTooLargeException(String message) {
            super(message);
        }
    }
}
