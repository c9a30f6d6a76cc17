package org.spatialx.technologies.tenx;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;

/**
 * Visium HD with Space Ranger 4's cell segmentation ({@code segmented_outputs/}): the bins are
 * submitted together with the cells they were segmented into. Requires everything VISIUM_HD does
 * plus the segmented outputs' matrix and cell polygons.
 */
@Extension
public final class VisiumHdToSingleCellTechnology implements Technology {

    private final VisiumHdTechnology bins = new VisiumHdTechnology();

    @Override
    public String id() {
        return "VISIUM_HD_TO_SC";
    }

    @Override
    public String description() {
        return "10x Genomics Visium HD with Space Ranger 4.x cell segmentation";
    }

    @Override
    public List<String> roots() {
        return bins.roots();
    }

    @Override
    public List<Element> elements() {
        List<Element> elements = new ArrayList<>(bins.elements());
        elements.add(Element.required("segmentation", "segmentation",
                        file("segmented_outputs/cell_segmentations.geojson").withNote("Space Ranger 4.x cell polygons"),
                        file("segmented_outputs/*.geojson"))
                .describedAs("cell polygons"));
        elements.add(Element.reported("cell_matrix",
                        file("segmented_outputs/filtered_feature_cell_matrix.h5"),
                        folder("segmented_outputs/filtered_feature_cell_matrix"))
                .describedAs("cells x genes counts"));
        return elements;
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        return bins.readVersion(context);
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        return bins.warnings(context).stream().filter(w -> !w.startsWith("segmented_outputs/ present")).toList();
    }

    /** The bins, as VISIUM_HD ingests them; the segmented cells' GeoJSON polygons are not read here. */
    @Override
    public Optional<DataReader> reader() {
        return bins.reader();
    }
}
