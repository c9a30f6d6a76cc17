package org.spatialx.core.print;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.spatialx.core.json.SentFieldsModule;

/**
 * The Python connector's {@code format_print} and {@code parse_to_str} (protocol 10): maps and
 * records as indented {@code key: value} blocks, lists in brackets ({@link PythonTuple}s in
 * parentheses), Python scalars ({@code True}, {@code None}, {@code 0.18}, {@code 1e+16}), enums as
 * {@code ClassName.MEMBER}.
 * Records are rendered through their Jackson wire names and order, so a
 * {@link org.spatialx.api.SampleData} prints exactly like the notebook's dict; a record read from a
 * server prints the fields the server sent, in its order ({@link SentFieldsModule}).
 */
public final class FormatPrint {

    /** One indentation step: four spaces. */
    public static final String TAB = "    ";

    private static final ObjectMapper RECORD_MAPPER = JsonMapper.builder()
            .addModule(new SentFieldsModule())
            .addModule(new SimpleModule("format-print-enums")
                    .addSerializer(enumType(), new EnumAsPythonName())
                    .addKeySerializer(enumType(), new EnumKeyAsPythonName()))
            .build();

    private FormatPrint() {
    }

    /** {@code format_print(value)}: prints {@link #parseToStr(Object)} and a newline to standard output. */
    public static void formatPrint(Object value) {
        formatPrint(value, System.out);
    }

    /** {@code format_print(value)} to {@code out}. */
    public static void formatPrint(Object value, PrintStream out) {
        out.print(parseToStr(value) + "\n");
        out.flush();
    }

    /** {@code parse_to_str(value)}: the text {@code format_print} prints, without the final newline. */
    public static String parseToStr(Object value) {
        return parseToStr(value, 0);
    }

    /** {@code parse_to_str(value, level)}: nested lines are indented {@code level + 1} times. */
    public static String parseToStr(Object value, int level) {
        StringBuilder out = new StringBuilder();
        render(value, level, out);
        return out.toString();
    }

    private static void render(Object value, int level, StringBuilder out) {
        switch (value) {
            case null -> out.append("None");
            case TextForm text -> out.append(text.textForm());
            case JsonNode node -> renderNode(node, level, out);
            case Map<?, ?> map -> renderMap(map.entrySet().iterator(), map.isEmpty(), level, out);
            case Iterable<?> items -> renderList(items.iterator(), "[", "]", level, out);
            case Object[] array -> renderList(Arrays.asList(array).iterator(), "[", "]", level, out);
            case Enum<?> member -> out.append(pythonName(member));
            case PythonTuple tuple -> renderList(tuple.items().iterator(), "(", ")", level, out);
            case Record rec -> renderNode(RECORD_MAPPER.valueToTree(rec), level, out);
            default -> out.append(scalar(value));
        }
    }

    /** The Python {@code str()} of a scalar: {@code True}/{@code False}, Python floats, plain integers, raw strings. */
    public static String scalar(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Double d -> PythonFloat.repr(d);
            case Float f -> PythonFloat.repr(f);
            case BigDecimal d -> PythonFloat.repr(d.doubleValue());
            case Enum<?> member -> pythonName(member);
            default -> String.valueOf(value);
        };
    }

    private static void renderNode(JsonNode node, int level, StringBuilder out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            renderMap(fields, node.isEmpty(), level, out);
        } else if (node.isArray()) {
            renderList(node.elements(), "[", "]", level, out);
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("None");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "True" : "False");
        } else if (node.isFloatingPointNumber()) {
            out.append(PythonFloat.repr(node.doubleValue()));
        } else if (node.isNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isPojo()) {
            render(((com.fasterxml.jackson.databind.node.POJONode) node).getPojo(), level, out);
        } else {
            out.append(node.asText());
        }
    }

    private static void renderMap(Iterator<? extends Map.Entry<?, ?>> entries, boolean empty, int level,
                                  StringBuilder out) {
        if (empty) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        String indent = TAB.repeat(level + 1);
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            out.append(indent).append(scalar(entry.getKey())).append(": ");
            render(entry.getValue(), level + 1, out);
            out.append('\n');
        }
        out.append(TAB.repeat(level)).append('}');
    }

    private static void renderList(Iterator<?> items, String open, String close, int level, StringBuilder out) {
        if (!items.hasNext()) {
            out.append(open).append(close);
            return;
        }
        out.append(open).append('\n');
        String indent = TAB.repeat(level + 1);
        while (items.hasNext()) {
            out.append(indent);
            render(items.next(), level + 1, out);
            out.append('\n');
        }
        out.append(TAB.repeat(level)).append(close);
    }

    private static String pythonName(Enum<?> member) {
        return member.getDeclaringClass().getSimpleName() + "." + member.name();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Enum<?>> enumType() {
        return (Class) Enum.class;
    }

    private static final class EnumAsPythonName extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(pythonName(value));
        }
    }

    private static final class EnumKeyAsPythonName extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeFieldName(pythonName(value));
        }
    }
}
