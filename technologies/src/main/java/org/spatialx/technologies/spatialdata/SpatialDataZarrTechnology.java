package org.spatialx.technologies.spatialdata;

import static org.spatialx.api.technology.Alternative.file;
import static org.spatialx.api.technology.Alternative.folder;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;
import org.spatialx.api.technology.DetectionContext;
import org.spatialx.api.technology.Element;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SoftwareVersion;
import org.spatialx.api.technology.Technology;
import org.spatialx.technologies.header.TextHeader;
import org.spatialx.api.ingestion.DataReader;

/**
 * A SpatialData store ({@code *.zarr} folder written by the {@code spatialdata} library), sent as
 * the folder {@code annotated_data}.
 */
@Extension
public final class SpatialDataZarrTechnology implements Technology {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    @Override
    public String id() {
        return "SPATIALDATA_ZARR";
    }

    @Override
    public String description() {
        return "SpatialData zarr store";
    }

    @Override
    public List<Element> elements() {
        return List.of(
                Element.required("store", "annotated_data", folder("*.zarr"))
                        .describedAs("the .zarr folder"),
                Element.reported("zarr_metadata", file("*.zarr/.zgroup"), file("*.zarr/zarr.json"))
                        .describedAs("zarr v2 .zgroup or v3 zarr.json"),
                Element.reported("tables", folder("*.zarr/tables"))
                        .describedAs("AnnData tables"));
    }

    @Override
    public SoftwareVersion readVersion(DetectionContext context) {
        Optional<ElementReport> store = context.found("store");
        if (store.isEmpty()) {
            return SoftwareVersion.unknown("no .zarr store");
        }
        for (String name : List.of("zmetadata", ".zmetadata", "zarr.json", ".zattrs")) {
            String path = store.get().path() + "/" + name;
            Optional<String> text = TextHeader.head(context, path);
            if (text.isPresent()) {
                Set<String> versions = new TreeSet<>();
                Matcher m = VERSION.matcher(text.get());
                while (m.find()) {
                    versions.add(m.group(1));
                }
                if (!versions.isEmpty()) {
                    return SoftwareVersion.of("spatialdata format " + String.join(", ", versions),
                            path + " element format versions");
                }
            }
        }
        return SoftwareVersion.unknown(store.get().path() + " declares no element format version");
    }

    @Override
    public List<String> warnings(DetectionContext context) {
        if (context.found("store").isPresent() && context.found("zarr_metadata").isEmpty()) {
            return List.of("the .zarr folder has no .zgroup or zarr.json: it may not be a zarr store");
        }
        return List.of();
    }

    @Override
    public Optional<DataReader> reader() {
        return Optional.of(new SpatialDataZarrReader());
    }
}
