package org.spatialx.formats.header;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Optional;

/** Reads one attribute of an HDF5 file's root group (10x {@code software_version}, AnnData {@code encoding-version}). */
public final class Hdf5Header {

    private Hdf5Header() {
    }

    /** The root attribute {@code name} as text; empty when absent or the file is not HDF5. */
    public static Optional<String> rootAttribute(Path file, String name) {
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute attribute = hdf.getAttribute(name);
            if (attribute == null) {
                return Optional.empty();
            }
            Object data = attribute.getData();
            if (data != null && data.getClass().isArray()) {
                data = Array.getLength(data) == 0 ? null : Array.get(data, 0);
            }
            return Optional.ofNullable(data).map(String::valueOf);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
