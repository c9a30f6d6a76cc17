package org.spatialx.server.study;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.DataRecord;

/**
 * Writes the extras of a {@link DataRecord} (this server's {@code kwargs} and {@code kwargs_map}, not
 * part of protocol 8.5) right after {@code args_map}, next to the {@code args} they complete, where
 * this server has always sent them; every other record keeps its extras last.
 */
public final class DataRecordLayout extends SimpleModule {

    private static final long serialVersionUID = 1L;

    public DataRecordLayout() {
        super("spatialx-data-record-layout");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> orderProperties(SerializationConfig config, BeanDescription description,
                                                            List<BeanPropertyWriter> properties) {
                return description.getBeanClass() == DataRecord.class ? extrasAfterArgs(properties) : properties;
            }
        });
    }

    private static List<BeanPropertyWriter> extrasAfterArgs(List<BeanPropertyWriter> properties) {
        BeanPropertyWriter extras = properties.stream().filter(p -> p.getName().equals("extras")).findFirst()
                .orElseThrow(() -> new IllegalStateException("DataRecord has no extras"));
        List<BeanPropertyWriter> ordered = new ArrayList<>();
        for (BeanPropertyWriter property : properties) {
            if (property != extras) {
                ordered.add(property);
            }
            if (property.getName().equals("args_map")) {
                ordered.add(extras);
            }
        }
        if (ordered.size() != properties.size()) {
            throw new IllegalStateException("DataRecord has no args_map to write its extras after");
        }
        return ordered;
    }
}
