package org.spatialx.technologies.nanostring;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.api.KeyValue;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;

/** NanoString CosMx SMI legacy flat-file export (CSV, FOV positions in px). */
@Extension
public final class CosmxVer1Technology implements Technology {

    @Override
    public String id() {
        return "COSMX_VER1";
    }

    @Override
    public String description() {
        return "NanoString CosMx SMI, legacy flat files (csv, FOV positions in px)";
    }

    @Override
    public List<Element> elements() {
        return CosmxLayout.elements(false);
    }

    @Override
    public List<KeyValue> args() {
        return CosmxLayout.args();
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return CosmxLayout.version(context);
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        return CosmxLayout.warnings(context, id(), "px", "AtoMx (COSMX_VER2)");
    }
}
