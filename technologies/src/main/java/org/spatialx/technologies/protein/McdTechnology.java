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

/** Standard BioTools (Fluidigm) Hyperion imaging mass cytometry acquisition (.mcd). */
@Extension
public final class McdTechnology implements Technology {

    @Override
    public String id() {
        return "PROTEIN_MCD";
    }

    @Override
    public String description() {
        return "Hyperion imaging mass cytometry (.mcd)";
    }

    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("protein_images", "protein_images", file("*.mcd"))
                        .describedAs("MCD acquisition (panorama and ROIs)"),
                Element.reported("roi_text_exports", file("*_ROI_*.txt"))
                        .describedAs("per-ROI text exports of the CyTOF software"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return SoftwareVersion.unknown("the MCD schema (and its version) is stored at the end of the file, which detection does not read");
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new ProteinImageReader());
    }
}
