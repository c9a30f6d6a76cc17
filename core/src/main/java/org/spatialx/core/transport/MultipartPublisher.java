package org.spatialx.core.transport;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.spatialx.core.SpatialXInvalidInputException;

/**
 * The bytes of a {@link MultipartBody} as the Python client lays them out (protocol 1.4): text parts
 * with its scalar rules, file parts without a content type. File regions are streamed from disk, never
 * loaded whole, and the bytes handed to the network are reported to the body's {@link BytesSentListener}.
 */
final class MultipartPublisher {

    private MultipartPublisher() {
    }

    /**
     * A publisher of {@code multipart}'s bytes.
     *
     * @throws SpatialXInvalidInputException when a file region cannot be read whole, before anything is sent
     */
    static BodyPublisher of(MultipartBody multipart) {
        multipart.parts().stream()
                .filter(part -> part instanceof MultipartBody.FilePart file && file.region() != null)
                .forEach(part -> checkReadable(((MultipartBody.FilePart) part).region()));
        List<BodyPublisher> pieces = new ArrayList<>();
        String dash = "--" + multipart.boundary();
        long total = multipart.parts().stream()
                .filter(part -> part instanceof MultipartBody.FilePart)
                .mapToLong(part -> ((MultipartBody.FilePart) part).length()).sum();
        AtomicLong sent = new AtomicLong();
        StringBuilder head = new StringBuilder();
        for (MultipartBody.Part part : multipart.parts()) {
            switch (part) {
                case MultipartBody.TextPart text -> {
                    for (Map.Entry<String, String> value : WireText.expand(List.of(Map.entry(text.name(),
                            text.value() == null ? List.of() : text.value())))) {
                        head.append(dash).append("\r\n")
                                .append("Content-Disposition: form-data; name=\"").append(quote(value.getKey()))
                                .append("\"\r\n\r\n").append(value.getValue()).append("\r\n");
                    }
                }
                case MultipartBody.FilePart file -> {
                    head.append(dash).append("\r\n")
                            .append("Content-Disposition: form-data; name=\"").append(quote(file.name()))
                            .append("\"; filename=\"").append(quote(file.filename())).append("\"\r\n\r\n");
                    pieces.add(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
                    head.setLength(0);
                    pieces.add(fileContent(file, sent, total, multipart.progress(), multipart.reads()));
                    head.append("\r\n");
                }
            }
        }
        head.append(dash).append("--\r\n");
        pieces.add(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
        return BodyPublishers.concat(pieces.toArray(BodyPublisher[]::new));
    }

    private static void checkReadable(FileRegion region) {
        try {
            long size = Files.size(region.path());
            if (!Files.isReadable(region.path()) || region.offset() + region.length() > size) {
                throw new SpatialXInvalidInputException("Cannot send bytes " + region.offset() + " to "
                        + (region.offset() + region.length()) + " of " + region.path() + ": the file has " + size
                        + " bytes or is not readable. Check the path and the chunk offsets.");
            }
        } catch (IOException e) {
            throw new SpatialXInvalidInputException("Cannot read the local file " + region.path() + " to upload it ("
                    + ExchangeFailures.describe(e) + "). Check that it exists and is readable.", e);
        }
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static BodyPublisher fileContent(MultipartBody.FilePart file, AtomicLong sent, long total,
                                             BytesSentListener listener, RegionReadListener reads) {
        if (file.bytes() != null && listener == null) {
            return BodyPublishers.ofByteArray(file.bytes());
        }
        if (file.length() == 0) {
            return BodyPublishers.noBody(); // an empty file: fromPublisher refuses a zero length
        }
        if (file.bytes() == null) {
            return BodyPublishers.fromPublisher(new FileRegionPublisher(file.region(), listener == null ? null
                    : bytes -> listener.sent(sent.addAndGet(bytes), total), reads), file.length());
        }
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
                () -> new CountingInputStream(new ByteArrayInputStream(file.bytes()), sent, total, listener)), file.length());
    }

    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong sent;
        private final long total;
        private final BytesSentListener listener;

        CountingInputStream(InputStream in, AtomicLong sent, long total, BytesSentListener listener) {
            super(in);
            this.sent = sent;
            this.total = total;
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                listener.sent(sent.incrementAndGet(), total);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                listener.sent(sent.addAndGet(n), total);
            }
            return n;
        }
    }
}
