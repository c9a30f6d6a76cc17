package org.spatialx.technologies.testplugin;

import java.util.List;
import org.spatialx.api.technology.Alternative;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.Technology;

/** A plugin technology that claims a built-in's id; packed into a plugin jar by {@code PluginCatalogTest}. */
public class DuplicateXeniumTechnology implements Technology {

    @Override
    public String id() {
        return "XENIUM";
    }

    @Override
    public List<Element> elements() {
        return List.of(Element.required("anything", "anything", Alternative.file("*")));
    }
}
