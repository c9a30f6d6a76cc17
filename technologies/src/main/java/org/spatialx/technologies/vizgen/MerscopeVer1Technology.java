package org.spatialx.technologies.vizgen;

import static org.spatialx.api.technology.Alternative.folder;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.api.ingestion.DataReader;
import java.util.Optional;

/** Vizgen MERSCOPE with cell boundaries as a folder of per-FOV HDF5 files (software before 233). */
@Extension
public final class MerscopeVer1Technology implements Technology {

    @Override
    public String id() {
        return "MERSCOPE_VER1";
    }

    @Override
    public String description() {
        return "Vizgen MERSCOPE, cell_boundaries/ folder of per-FOV HDF5 files";
    }

    @Override
    public List<String> roots() {
        return MerscopeLayout.roots();
    }

    @Override
    public List<Element> elements() {
        return MerscopeLayout.elements(Element.required("segmentation", "segmentation", folder("cell_boundaries"))
                .describedAs("feature_data_<fov>.hdf5 cell boundaries"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return MerscopeLayout.version(context);
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        return MerscopeLayout.warnings(context);
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new MerscopeReader());
    }
}
