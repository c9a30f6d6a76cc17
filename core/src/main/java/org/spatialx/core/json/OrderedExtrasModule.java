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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialx.api.WireRecord;

/**
 * Keeps the extras of {@link WireRecord}s in server order. Jackson hands a record's
 * {@code @JsonAnySetter} map its entries in a different order (reversed and hashed), so the
 * record is rebuilt with its extras in the order of the JSON object.
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
            if (!(value instanceof WireRecord record) || record.extras().size() < 2 || !node.isObject()) {
                return value;
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (record.extras().containsKey(name)) {
                    ordered.put(name, record.extras().get(name));
                }
            }
            return withExtras(record, ordered, context);
        }

        private static Object withExtras(WireRecord record, Map<String, Object> extras, DeserializationContext context)
                throws IOException {
            RecordComponent[] components = record.getClass().getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    values[i] = components[i].getName().equals("extras") ? extras
                            : components[i].getAccessor().invoke(record);
                }
                return record.getClass().getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                return context.reportInputMismatch(record.getClass(),
                        "Cannot rebuild %s with ordered extras: %s", record.getClass().getSimpleName(), e);
            }
        }
    }
}
