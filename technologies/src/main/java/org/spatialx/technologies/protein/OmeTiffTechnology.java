package org.spatialx.technologies.protein;

import static org.spatialx.api.technology.Alternative.file;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.api.ingestion.DataReader;
import java.util.Optional;

/** Multiplexed protein image as OME-TIFF (CODEX/PhenoCycler exports, steinbock IMC conversions, ...). */
@Extension
public final class OmeTiffTechnology implements Technology {

    @Override
    public String id() {
        return "PROTEIN_OME_TIFF";
    }

    @Override
    public String description() {
        return "Multiplexed protein image (OME-TIFF)";
    }

    @Override
    public List<String> roots() {
        return List.of("", "img_ome");
    }

    @Override
    public List<Element> elements() {
        return List.of(Element.required("protein_images", "protein_images",
                        file("*.ome.tiff"), file("*.ome.tif"), file("*.ome.btf"))
                .describedAs("multi-channel OME-TIFF"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return ProteinImageTechnology.fromHeader(context, "Creator=\"([^\"]*)\"", "OME-XML Creator");
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new ProteinImageReader());
    }
}
