package org.spatialx.technologies.nanostring;

import java.util.List;
import org.spatialx.api.KeyValue;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.api.ingestion.DataReader;
import java.util.Optional;

/**
 * The two CosMx flat-file exports share one layout ({@link CosmxLayout}); they differ in file
 * compression, FOV position unit and which export a mismatch points to.
 */
abstract class CosmxTechnology implements Technology {

    private final String id;
    private final String description;
    private final boolean gzipped;
    private final String positionUnit;
    private final String otherExport;

    CosmxTechnology(String id, String description, boolean gzipped, String positionUnit, String otherExport) {
        this.id = id;
        this.description = description;
        this.gzipped = gzipped;
        this.positionUnit = positionUnit;
        this.otherExport = otherExport;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Element> elements() {
        return CosmxLayout.elements(gzipped);
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
        return CosmxLayout.warnings(context, id(), positionUnit, otherExport);
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new CosmxReader());
    }
}
