package org.spatialx.technologies.spatialdata;

import static org.spatialx.api.technology.Alternative.file;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.Technology;

/** An R object saved with {@code saveRDS} (Seurat, SpatialExperiment), sent as the file {@code annotated_data}. */
@Extension
public final class SpatialDataRdsTechnology implements Technology {

    @Override
    public String id() {
        return "SPATIALDATA_RDS";
    }

    @Override
    public String description() {
        return "R object (.rds: Seurat, SpatialExperiment)";
    }

    @Override
    public List<Element> elements() {
        return List.of(Element.required("annotated_data", "annotated_data", file("*.rds"), file("*.RDS"), file("*.Rds"))
                .describedAs("serialized R object"));
    }
}
