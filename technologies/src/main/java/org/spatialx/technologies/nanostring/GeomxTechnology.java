package org.spatialx.technologies.nanostring;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.api.CombinedTechnologies;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.Technology;
import org.spatialx.technologies.header.TextHeader;
import org.spatialx.api.ingestion.DataReader;

/**
 * NanoString GeoMx DSP NGS readout: a folder of DCC files, the probe kit configuration (PKC, or a
 * zip of them) and the lab-worksheet annotations. Sent with the technology {@code GeoMx}
 * (protocol 5.2); the keys {@code dcc}, {@code pkc} and {@code annotations} are this client's
 * own (the real server's GeoMx parse is not documented).
 */
@Extension
public final class GeomxTechnology implements Technology {

    @Override
    public String id() {
        return "GEOMX";
    }

    @Override
    public String wireTechnology() {
        return CombinedTechnologies.GEOMX.value();
    }

    @Override
    public String description() {
        return "NanoString GeoMx DSP (NGS readout: DCC + PKC + annotations)";
    }

    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("dcc", "dcc", folder("DCC"), folder("*DCC*"), folder("*dcc*"))
                        .describedAs("one .dcc count file per AOI"),
                Element.required("pkc", "pkc", file("*.pkc"), file("*pkc*.zip").withNote("zip of PKC files"),
                        file("*/*.pkc"))
                        .describedAs("probe kit configuration"),
                Element.required("annotations", "annotations", file("*.xlsx"))
                        .describedAs("segment annotation workbook"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        Optional<String> dccFolder = context.found("dcc").map(e -> e.path());
        if (dccFolder.isEmpty()) {
            return SoftwareVersion.unknown("no DCC folder");
        }
        Optional<StorageEntry> dcc = context.list(dccFolder.get()).stream()
                .filter(e -> !e.isFolder() && e.name().endsWith(".dcc"))
                .min(java.util.Comparator.comparing(StorageEntry::name));
        if (dcc.isEmpty()) {
            return SoftwareVersion.unknown(dccFolder.get() + " holds no .dcc file");
        }
        String path = dccFolder.get() + "/" + dcc.get().name();
        return TextHeader.head(context, path)
                .flatMap(text -> TextHeader.find(text, "SoftwareVersion,([^\\r\\n]+)"))
                .map(v -> SoftwareVersion.of("GeoMx NGS pipeline " + v.trim(), path + " <Header> SoftwareVersion"))
                .orElse(SoftwareVersion.unknown(path + " has no SoftwareVersion header"));
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new GeomxReader());
    }
}
