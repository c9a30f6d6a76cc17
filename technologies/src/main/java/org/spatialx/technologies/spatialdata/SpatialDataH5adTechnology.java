package org.spatialx.technologies.spatialdata;

import static org.spatialx.api.technology.Alternative.file;

import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.formats.header.Hdf5Header;
import org.spatialx.api.ingestion.DataReader;

/** An AnnData {@code .h5ad} file with spatial coordinates, sent as the file {@code annotated_data}. */
@Extension
public final class SpatialDataH5adTechnology implements Technology {

    @Override
    public String id() {
        return "SPATIALDATA_H5AD";
    }

    @Override
    public String description() {
        return "AnnData .h5ad with spatial coordinates";
    }

    @Override
    public List<Element> elements() {
        return List.of(Element.required("annotated_data", "annotated_data", file("*.h5ad"))
                .describedAs("AnnData HDF5 file"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        Optional<ElementReport> file = context.found("annotated_data");
        if (file.isEmpty()) {
            return SoftwareVersion.unknown("no .h5ad");
        }
        return context.localPath(file.get().path())
                .flatMap(path -> Hdf5Header.rootAttribute(path, "encoding-version"))
                .map(v -> SoftwareVersion.of("anndata encoding " + v, file.get().path() + " encoding-version"))
                .orElse(SoftwareVersion.unknown(file.get().path() + " has no encoding-version attribute"));
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new H5adReader("annotated_data"));
    }
}
