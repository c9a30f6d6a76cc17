package org.spatialx.technologies.vizgen;

import static org.spatialx.api.technology.Alternative.file;

import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.api.ingestion.DataReader;
import java.util.Optional;

/** Vizgen MERSCOPE with cell boundaries as one GeoParquet file (also what Vizgen's vpt re-segmentation writes). */
@Extension
public final class MerscopeVer2Technology implements Technology {

    @Override
    public String id() {
        return "MERSCOPE_VER2";
    }

    @Override
    public String description() {
        return "Vizgen MERSCOPE, cell_boundaries.parquet (or a vpt re-segmentation parquet)";
    }

    @Override
    public List<String> roots() {
        return MerscopeLayout.roots();
    }

    @Override
    public List<Element> elements() {
        return MerscopeLayout.elements(Element.required("segmentation", "segmentation",
                        file("cell_boundaries.parquet"),
                        file("cells_*.parquet").withNote("vpt re-segmentation output"),
                        file("*cellpose*.parquet").withNote("vpt re-segmentation output"))
                .describedAs("GeoParquet cell boundaries"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return MerscopeLayout.version(context);
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        List<String> warnings = new ArrayList<>(MerscopeLayout.warnings(context));
        context.found("segmentation").filter(s -> !s.path().endsWith("cell_boundaries.parquet"))
                .ifPresent(s -> warnings.add("segmentation from " + s.path() + " (not the instrument's cell_boundaries.parquet)"));
        return warnings;
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new MerscopeReader());
    }
}
