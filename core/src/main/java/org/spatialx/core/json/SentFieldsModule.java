package org.spatialx.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.spatialx.api.WireRecord;

/**
 * Writes a {@link WireRecord} read from a server with exactly the fields the server sent, in its
 * order ({@link WireRecord#sentFields()}), as the Python SDK prints and returns the server's dict
 * (protocol 8.5, 10): no {@code files: None} for a field that was not sent. A record built in Java
 * (no sent fields) is written as usual. {@code format_print} and the shell's results use it.
 */
public final class SentFieldsModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The module; register it on any mapper that writes records for people or scripts. */
    public SentFieldsModule() {
        super("spatialx-sent-fields");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                if (WireRecord.class.isAssignableFrom(description.getBeanClass())) {
                    return new AsSent((JsonSerializer<Object>) serializer);
                }
                return serializer;
            }
        });
    }

    private static final class AsSent extends StdSerializer<Object> implements ResolvableSerializer {
        private static final long serialVersionUID = 1L;
        private final JsonSerializer<Object> built;

        AsSent(JsonSerializer<Object> built) {
            super(Object.class);
            this.built = built;
        }

        @Override
        public void resolve(SerializerProvider provider) throws com.fasterxml.jackson.databind.JsonMappingException {
            if (built instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        public void serialize(Object value, JsonGenerator out, SerializerProvider provider) throws IOException {
            WireRecord record = (WireRecord) value;
            if (record.sentFields() == null) {
                built.serialize(value, out, provider);
                return;
            }
            out.writeStartObject(value);
            for (String field : record.sentFields()) {
                out.writeFieldName(field);
                provider.defaultSerializeValue(record.get(field), out);
            }
            out.writeEndObject();
        }
    }
}
