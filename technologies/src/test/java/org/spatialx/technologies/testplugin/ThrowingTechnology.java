package org.spatialx.technologies.testplugin;

import java.util.List;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.Technology;

/** A plugin technology whose declarations throw; packed into a plugin jar by {@code PluginCatalogTest}. */
public class ThrowingTechnology implements Technology {

    @Override
    public String id() {
        return "THROWS";
    }

    @Override
    public List<Element> elements() {
        throw new IllegalStateException("element table not initialised");
    }
}
