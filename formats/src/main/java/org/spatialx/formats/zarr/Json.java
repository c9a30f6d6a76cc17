package org.spatialx.formats.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The JSON of zarr metadata ({@code .zarray}, {@code .zgroup}, {@code .zattrs}), indented as zarr-python writes it. */
public final class Json {

    /** zarr-python 2 decodes metadata as ASCII: non-ASCII characters are written as {@code \\uXXXX} escapes. */
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Json() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses {@code bytes} (UTF-8 JSON); {@code what} names the key in errors. */
    public static JsonNode parse(byte[] bytes, String what) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ZarrException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The indented UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Java value (String, Number, List, Map, array) as a JSON node. */
    public static JsonNode of(Object value) {
        return MAPPER.valueToTree(value);
    }
}
