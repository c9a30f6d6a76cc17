package org.spatialx.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialx.api.WireRecord;

/**
 * Reads {@link WireRecord}s as the server sent them: the record is rebuilt with its extras in the
 * order of the JSON object (Jackson hands a record's {@code @JsonAnySetter} map its entries
 * reversed and hashed) and with the names of every field the JSON object has, in order, as its
 * {@link WireRecord#sentFields()} (what {@link SentFieldsModule} writes back).
 */
final class OrderedExtrasModule extends SimpleModule {

    OrderedExtrasModule() {
        super("spatialx-ordered-extras");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type.isRecord() && WireRecord.class.isAssignableFrom(type)) {
                    return new OrderedExtrasDeserializer(deserializer);
                }
                return deserializer;
            }
        });
    }

    private static final class OrderedExtrasDeserializer extends DelegatingDeserializer {

        OrderedExtrasDeserializer(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new OrderedExtrasDeserializer(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(parser);
            JsonParser replay = node.traverse(parser.getCodec());
            replay.nextToken();
            Object value = _delegatee.deserialize(replay, context);
            if (!(value instanceof WireRecord record) || !node.isObject()) {
                return value;
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            List<String> sent = new ArrayList<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                sent.add(name);
                if (record.extras().containsKey(name)) {
                    ordered.put(name, record.extras().get(name));
                }
            }
            return asSent(record, ordered, sent, context);
        }

        private static Object asSent(WireRecord record, Map<String, Object> extras, List<String> sent,
                                     DeserializationContext context) throws IOException {
            RecordComponent[] components = record.getClass().getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    values[i] = switch (components[i].getName()) {
                        case "extras" -> extras;
                        case "sentFields" -> sent;
                        default -> components[i].getAccessor().invoke(record);
                    };
                }
                return record.getClass().getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                return context.reportInputMismatch(record.getClass(),
                        "Cannot rebuild %s as sent: %s", record.getClass().getSimpleName(), e);
            }
        }
    }
}
