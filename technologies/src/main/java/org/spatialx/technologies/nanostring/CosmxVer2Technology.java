package org.spatialx.technologies.nanostring;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.api.KeyValue;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;

/** NanoString CosMx SMI AtoMx flat-file export (csv.gz, FOV positions in mm). */
@Extension
public final class CosmxVer2Technology implements Technology {

    @Override
    public String id() {
        return "COSMX_VER2";
    }

    @Override
    public String description() {
        return "NanoString CosMx SMI, AtoMx flat-file export (csv.gz, FOV positions in mm)";
    }

    @Override
    public List<Element> elements() {
        return CosmxLayout.elements(true);
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
        return CosmxLayout.warnings(context, id(), "mm", "legacy (COSMX_VER1)");
    }
}
