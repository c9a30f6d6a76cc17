package org.spatialx.formats.spatialdata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.spatialx.formats.zarr.Json;

/** Attributes spatialdata 0.1 writes on points and shapes elements. */
final class SpatialDataAttributes {

    /** The coordinate system every element is placed in. */
    static final String GLOBAL = "global";

    private SpatialDataAttributes() {
    }

    /** {@code coordinateTransformations}: the identity from the element's axes to {@code global}. */
    static ArrayNode identity(List<String> axes, String unit) {
        ArrayNode transformations = Json.object().arrayNode();
        ObjectNode identity = transformations.addObject();
        identity.put("type", "identity");
        identity.set("input", system(axes, axes.size() == 3 ? "xyz" : "xy", unit));
        identity.set("output", system(axes, GLOBAL, unit));
        return transformations;
    }

    private static ObjectNode system(List<String> axes, String name, String unit) {
        ObjectNode system = Json.object();
        system.put("name", name);
        ArrayNode list = system.putArray("axes");
        for (String axis : axes) {
            ObjectNode a = list.addObject();
            a.put("name", axis);
            a.put("type", "space");
            a.put("unit", unit);
        }
        return system;
    }
}
