package org.spatialx.technologies.nanostring;

import org.pf4j.Extension;

/** NanoString CosMx SMI AtoMx flat-file export (csv.gz, FOV positions in mm). */
@Extension
public final class CosmxVer2Technology extends CosmxTechnology {

    /** The AtoMx export. */
    public CosmxVer2Technology() {
        super("COSMX_VER2", "NanoString CosMx SMI, AtoMx flat-file export (csv.gz, FOV positions in mm)", true, "mm",
                "legacy (COSMX_VER1)");
    }
}
