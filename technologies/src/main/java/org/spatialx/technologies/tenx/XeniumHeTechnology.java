package org.spatialx.technologies.tenx;

import static org.spatialx.api.technology.Alternative.file;

import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.ingestion.DataReader;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import java.util.Optional;

/**
 * A Xenium run with its post-Xenium H&E image and the alignment matrix that registers it. The
 * H&E image is sent as {@code images}, the alignment as {@code alignment} (both required).
 */
@Extension
public final class XeniumHeTechnology implements Technology {

    @Override
    public String id() {
        return "XENIUM_HE";
    }

    @Override
    public String description() {
        return "10x Genomics Xenium with a registered H&E image";
    }

    @Override
    public List<String> roots() {
        return List.of("", "outs");
    }

    @Override
    public List<Element> elements() {
        List<Element> elements = new ArrayList<>(List.of(XeniumTechnology.experiment(),
                Element.required("images", "images",
                        file("*_he_image.ome.tif").withNote("10x H&E OME-TIFF"),
                        file("*he_image*.ome.tif"),
                        file("*_he_image.tif"))
                        .describedAs("post-Xenium H&E image"),
                Element.required("alignment", "alignment",
                        file("*_he_imagealignment.csv"),
                        file("*imagealignment.csv"))
                        .describedAs("3 x 3 matrix registering the H&E image to the morphology image"),
                XeniumTechnology.segmentation(), XeniumTechnology.transcripts()));
        elements.addAll(XeniumTechnology.reportedExtras());
        return elements;
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return XeniumTechnology.readExperimentVersion(context);
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        return XeniumTechnology.layoutWarnings(context);
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new XeniumReader());
    }
}
