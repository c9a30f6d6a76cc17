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

/** Akoya PhenoCycler (CODEX) / Vectra Polaris image in the PerkinElmer QPTIFF container. */
@Extension
public final class QptiffTechnology implements Technology {

    @Override
    public String id() {
        return "PROTEIN_QPTIFF";
    }

    @Override
    public String description() {
        return "Akoya PhenoCycler/CODEX or Vectra Polaris image (QPTIFF)";
    }

    @Override
    public List<Element> elements() {
        return List.of(Element.required("protein_images", "protein_images", file("*.qptiff"), file("*.qptif"))
                .describedAs("multi-channel QPTIFF"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return ProteinImageTechnology.fromHeader(context, "<AcquisitionSoftware>([^<]*)</AcquisitionSoftware>",
                "AcquisitionSoftware");
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new ProteinImageReader());
    }
}
