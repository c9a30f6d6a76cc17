package org.spatialx.technologies.testplugin;

import java.util.List;
import org.spatialx.api.technology.Alternative;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;

/** A plugin technology whose version reader throws during detection; packed by {@code PluginCatalogTest}. */
public class VersionThrowingTechnology implements Technology {

    @Override
    public String id() {
        return "GEM_WITH_BROKEN_VERSION";
    }

    @Override
    public List<Element> elements() {
        return List.of(Element.required("matrix", "matrix", Alternative.file("*.gem.gz")));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        throw new UnsupportedOperationException("header parser not written yet");
    }
}
