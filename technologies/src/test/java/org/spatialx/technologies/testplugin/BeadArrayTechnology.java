package org.spatialx.technologies.testplugin;

import java.util.List;
import org.spatialx.api.technology.Alternative;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.Technology;

/**
 * A third-party technology packed into a plugin jar by {@code PluginCatalogTest}. Deliberately not
 * annotated with {@code @Extension}: the test writes the plugin's extensions.idx itself, so the
 * class is never a built-in of the test class path.
 */
public class BeadArrayTechnology implements Technology {

    @Override
    public String id() {
        return "BEAD_ARRAY";
    }

    @Override
    public List<Element> elements() {
        return List.of(Element.required("matrix", "matrix", Alternative.file("*MappedDGEForR.csv"), Alternative.file("*.gem.gz")));
    }
}
