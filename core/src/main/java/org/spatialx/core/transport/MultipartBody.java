package org.spatialx.core.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (protocol 1.4): text parts with Python's scalar rules, then
 * file parts whose content is either bytes in memory or a streamed {@link FileRegion}. File parts
 * carry no part content type, like the Python client.
 */
public final class MultipartBody implements RequestBody {

    /** One part of the body. */
    public sealed interface Part permits TextPart, FilePart {
        /** The form field name. */
        String name();
    }

    /**
     * A text field; the value follows the scalar rules of protocol 1.4 (lists give one part per item).
     *
     * @param name  field name
     * @param value field value
     */
    public record TextPart(String name, Object value) implements Part {
    }

    /**
     * A file field.
     *
     * @param name     field name (the protocol always uses {@code file})
     * @param filename the filename announced in the part header
     * @param bytes    in-memory content, or null when {@code region} is given
     * @param region   streamed content, or null when {@code bytes} is given
     */
    public record FilePart(String name, String filename, byte[] bytes, FileRegion region) implements Part {
        /** Requires exactly one content source. */
        public FilePart {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filename, "filename");
            if ((bytes == null) == (region == null)) {
                throw new IllegalArgumentException("A file part needs either bytes or a file region");
            }
        }

        /** Content length in bytes. */
        public long length() {
            return bytes != null ? bytes.length : region.length();
        }
    }

    private final List<Part> parts;
    private final String boundary;
    private final BytesSentListener progress;
    private final RegionReadListener reads;

    private MultipartBody(List<Part> parts, String boundary, BytesSentListener progress, RegionReadListener reads) {
        this.parts = List.copyOf(parts);
        this.boundary = boundary;
        this.progress = progress;
        this.reads = reads;
    }

    /** Starts a multipart body. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parts in wire order. */
    public List<Part> parts() {
        return parts;
    }

    /** The boundary string. */
    public String boundary() {
        return boundary;
    }

    /** The listener told about file-part progress, or null. */
    public BytesSentListener progress() {
        return progress;
    }

    /** The listener shown the bytes of file regions as they are read for sending, or null. */
    public RegionReadListener reads() {
        return reads;
    }

    /** Builds a {@link MultipartBody}. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private String boundary = UUID.randomUUID().toString().replace("-", "");
        private BytesSentListener progress;
        private RegionReadListener reads;

        private Builder() {
        }

        /** Adds a text field (skipped on the wire when null, repeated when a list). */
        public Builder text(String name, Object value) {
            parts.add(new TextPart(name, value));
            return this;
        }

        /** Adds a file part with in-memory content. */
        public Builder file(String name, String filename, byte[] content) {
            parts.add(new FilePart(name, filename, content.clone(), null));
            return this;
        }

        /** Adds a file part streamed from a region of a local file. */
        public Builder file(String name, String filename, FileRegion region) {
            parts.add(new FilePart(name, filename, null, region));
            return this;
        }

        /** Reports how many bytes of the file parts have been sent. */
        public Builder progress(BytesSentListener listener) {
            this.progress = listener;
            return this;
        }

        /** Shows {@code listener} the bytes of the file regions as they are read for sending. */
        public Builder reads(RegionReadListener listener) {
            this.reads = listener;
            return this;
        }

        /** Uses a fixed boundary (tests); a random one is used otherwise. */
        public Builder boundary(String fixedBoundary) {
            this.boundary = Objects.requireNonNull(fixedBoundary, "fixedBoundary");
            return this;
        }

        /** The body. */
        public MultipartBody build() {
            return new MultipartBody(parts, boundary, progress, reads);
        }
    }
}
