package org.spatialx.technologies.slideseq;

import static org.spatialx.api.technology.Alternative.file;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.Technology;
import org.spatialx.api.ingestion.DataReader;
import java.util.Optional;

/**
 * Slide-seq / Slide-seqV2 puck: a digital gene expression matrix and the bead locations. Sent as
 * {@code matrix} and {@code tissue_positions} (the spot keys of protocol 5.10).
 */
@Extension
public final class SlideSeqTechnology implements Technology {

    @Override
    public String id() {
        return "SLIDE_SEQ";
    }

    @Override
    public String description() {
        return "Slide-seq bead array (DGE matrix + bead locations)";
    }

    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("matrix", "matrix",
                        file("*MappedDGEForR.csv").withNote("genes x beads CSV export"),
                        file("*.digital_expression.txt.gz").withNote("Drop-seq tools DGE"),
                        file("*DGE*.csv"), file("*dge*.txt*"))
                        .describedAs("genes x beads counts"),
                Element.required("tissue_positions", "tissue_positions",
                        file("*BeadLocationsForR.csv"), file("*bead_locations.csv"), file("*BeadLocations*.csv"),
                        file("*bead_locations*.txt*"))
                        .describedAs("bead barcodes and x/y positions"));
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new SlideSeqReader());
    }
}
