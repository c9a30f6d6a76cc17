package org.spatialx.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.WireEnum;
import org.spatialx.core.print.PythonFloat;

/**
 * The JSON conventions of the SpatialX wire (protocol 1.4): request bodies laid out like Python's
 * {@code json.dumps} ({@code ", "} and {@code ": "} separators, non-ASCII escaped, floats in
 * Python form), enums sent as their wire values; responses read leniently into records that keep
 * unknown fields in server order.
 */
public final class SpatialXJson {

    private final ObjectMapper requestMapper;
    private final ObjectMapper responseMapper;

    private SpatialXJson() {
        SimpleModule wire = new SimpleModule("spatialx-wire")
                .addSerializer(enumType(), new EnumAsWireValue())
                .addKeySerializer(enumType(), new EnumKeyAsWireValue())
                .addSerializer(Double.class, new DoubleAsPython())
                .addSerializer(double.class, new DoubleAsPython());
        this.requestMapper = JsonMapper.builder()
                .addModule(new SentFieldsModule())
                .addModule(wire)
                .build();
        this.responseMapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Python's json.loads rejects trailing data (the body is then text) and accepts NaN.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .addModule(new OrderedExtrasModule())
                .build();
    }

    /** A fresh set of mappers (they are immutable once built; share one per connector). */
    public static SpatialXJson create() {
        return new SpatialXJson();
    }

    /** The body text Python would send for {@code value}: {@code {"a": 1, "b": [true, null]}}. */
    public String writeRequestBody(Object value) throws JsonProcessingException {
        return requestMapper.writer(new PythonJsonLayout()).with(new PythonJsonEscapes()).writeValueAsString(value);
    }

    /**
     * The mapper for reading responses: unknown fields go to a record's extras in server order,
     * integers stay integers and floats become doubles (so {@code format_print} shows {@code 1}
     * and {@code 1.0} as the server sent them).
     */
    public ObjectMapper responseMapper() {
        return responseMapper;
    }

    /** Reads a response value into {@code type}. */
    public <T> T read(JsonNode node, Class<T> type) throws JsonProcessingException {
        return responseMapper.treeToValue(node, type);
    }

    /** A response value as plain Java: ordered maps, lists, strings, Integer/Long/Double, Boolean, null. */
    public Object plain(JsonNode node) {
        try {
            return responseMapper.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always converts to plain values", e);
        }
    }

    /** The text of a response field; null when it is absent or JSON {@code null}. */
    public static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The field names of a response object for an error message: {@code "a, b"} or {@code "no fields"}. */
    public static String describeFields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "no fields" : String.join(", ", names);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Enum<?>> enumType() {
        return (Class) Enum.class;
    }

    private static final class EnumAsWireValue extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value instanceof WireEnum wire && wire.value() instanceof Number number) {
                gen.writeNumber(number.longValue());
            } else if (value instanceof WireEnum wire) {
                gen.writeString(String.valueOf(wire.value()));
            } else {
                gen.writeString(value.name());
            }
        }
    }

    private static final class EnumKeyAsWireValue extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeFieldName(value instanceof WireEnum wire ? String.valueOf(wire.value()) : value.name());
        }
    }

    private static final class DoubleAsPython extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                // Python's json.dumps(allow_nan=False) refuses these too.
                throw new com.fasterxml.jackson.core.JsonGenerationException(
                        "Out of range float value " + value + " is not JSON compliant", gen);
            }
            gen.writeNumber(PythonFloat.repr(value));
        }
    }
}
