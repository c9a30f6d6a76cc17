package org.spatialx.shell.binding;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.spatialx.api.WireEnum;
import org.spatialx.core.json.SentFieldsModule;

/**
 * The JSON mapping between scripts and Java: results go to scripts as JSON text (parsed there into
 * native dicts/lists or JS objects, key order kept) and arguments come back the same way. Enums of
 * the protocol travel as their wire values, in both directions; a record read from a server goes
 * with the fields the server sent, in its order ({@link SentFieldsModule}). Python's {@code json} writes
 * {@code NaN} and {@code Infinity} for those floats; they are read as such.
 */
public final class WireJson {

    private WireJson() {
    }

    /** A mapper that writes {@link WireEnum} members as their wire values and reads them from values or names. */
    public static ObjectMapper newMapper() {
        SimpleModule wireEnums = new SimpleModule("spatialx-wire-enums");
        wireEnums.addSerializer(WireEnum.class, new WireEnumSerializer());
        wireEnums.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(
                    DeserializationConfig config, JavaType type, BeanDescription description, JsonDeserializer<?> deserializer) {
                if (WireEnum.class.isAssignableFrom(type.getRawClass())) {
                    return new WireEnumDeserializer(type.getRawClass());
                }
                return deserializer;
            }
        });
        return new ObjectMapper()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                .registerModule(wireEnums)
                .registerModule(new SentFieldsModule())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static final class WireEnumSerializer extends StdSerializer<WireEnum> {
        private static final long serialVersionUID = 1L;

        WireEnumSerializer() {
            super(WireEnum.class);
        }

        @Override
        public void serialize(WireEnum member, JsonGenerator out, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(member.value(), out);
        }
    }

    private static final class WireEnumDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;

        WireEnumDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            return lookup(type, node.asText());
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object lookup(Class<?> type, String text) {
            return WireEnum.lookup((Class) type, text);
        }
    }
}
