package org.spatialx.technologies.stomics;

import static org.spatialx.api.technology.Alternative.file;

import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.technologies.header.TextHeader;
import org.spatialx.api.ingestion.DataReader;

/** BGI STOmics Stereo-seq (SAW): the GEF (HDF5) or GEM (text) expression file, with an optional image. */
@Extension
public final class StomicsTechnology implements Technology {

    @Override
    public String id() {
        return "STOMICS";
    }

    @Override
    public String description() {
        return "BGI STOmics Stereo-seq (SAW gef/gem)";
    }

    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("matrix", "matrix",
                        file("*.cellbin.gef").withNote("cell-binned GEF"),
                        file("*.tissue.gef").withNote("tissue GEF"),
                        file("*.gef").withNote("GEF (HDF5)"),
                        file("*.gem.gz").withNote("GEM text"),
                        file("*.gem").withNote("GEM text"))
                        .describedAs("DNB x gene counts"),
                Element.optional("images", "images", file("*_regist.tif"), file("*.tif"))
                        .describedAs("registered tissue image"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        Optional<ElementReport> matrix = context.found("matrix");
        if (matrix.isEmpty() || matrix.get().path().endsWith(".gef")) {
            return SoftwareVersion.unknown("versions are read from GEM headers only");
        }
        Optional<String> head = TextHeader.head(context, matrix.get().path());
        if (head.isEmpty()) {
            return SoftwareVersion.unknown(matrix.get().path() + " cannot be read");
        }
        Optional<String> format = TextHeader.find(head.get(), "#FileFormat=([^\\r\\n\\t]+)");
        if (format.isPresent()) {
            return SoftwareVersion.of(format.get(), matrix.get().path() + " #FileFormat");
        }
        return SoftwareVersion.unknown(matrix.get().path()
                + " has no #FileFormat header (bin1 GEM of the first public releases)");
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new StomicsReader());
    }
}
