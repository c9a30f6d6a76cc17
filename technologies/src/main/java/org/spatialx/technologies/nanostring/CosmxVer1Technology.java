package org.spatialx.technologies.nanostring;

import org.pf4j.Extension;

/** NanoString CosMx SMI legacy flat-file export (CSV, FOV positions in px). */
@Extension
public final class CosmxVer1Technology extends CosmxTechnology {

    /** The legacy export. */
    public CosmxVer1Technology() {
        super("COSMX_VER1", "NanoString CosMx SMI, legacy flat files (csv, FOV positions in px)", false, "px",
                "AtoMx (COSMX_VER2)");
    }
}
