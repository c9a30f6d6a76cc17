package org.spatialx.core.upload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.spatialx.core.testing.RecordedRequest;

/** The parts of a recorded multipart request, parsed byte for byte (for field-by-field wire checks). */
record MultipartView(List<Part> parts) {

    /** One part: its raw header block and content. */
    record Part(String name, String filename, String headers, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    static MultipartView of(RecordedRequest request) {
        String type = request.header("Content-Type");
        if (type == null || !type.startsWith("multipart/form-data; boundary=")) {
            throw new AssertionError("not multipart: " + type);
        }
        String boundary = type.substring("multipart/form-data; boundary=".length());
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        String dash = "--" + boundary;
        if (!body.startsWith(dash + "\r\n") || !body.endsWith(dash + "--\r\n")) {
            throw new AssertionError("bad multipart framing");
        }
        List<Part> parts = new ArrayList<>();
        int at = dash.length() + 2;
        while (true) {
            int headerEnd = body.indexOf("\r\n\r\n", at);
            String headers = body.substring(at, headerEnd);
            int next = body.indexOf("\r\n" + dash, headerEnd + 4);
            byte[] content = body.substring(headerEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
            parts.add(new Part(attribute(headers, "name"), attribute(headers, "filename"), headers, content));
            at = next + 2 + dash.length();
            if (body.startsWith("--", at)) {
                return new MultipartView(parts);
            }
            at += 2;
        }
    }

    private static String attribute(String headers, String key) {
        String marker = "; " + key + "=\"";
        int start = headers.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return headers.substring(start, headers.indexOf('"', start));
    }

    List<String> names() {
        return parts.stream().map(Part::name).toList();
    }

    Part part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name + " in " + names()));
    }

    String text(String name) {
        return part(name).text();
    }
}
