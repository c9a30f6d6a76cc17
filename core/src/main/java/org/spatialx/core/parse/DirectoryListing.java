package org.spatialx.core.parse;

import java.util.List;
import org.spatialx.api.Entity;

/** The children of a server folder ({@code directory/entities} without hidden entries, protocol 2.1 #5). */
@FunctionalInterface
public interface DirectoryListing {

    /**
     * The entries of {@code folder}.
     *
     * @throws org.spatialx.core.SpatialXServerException when the server cannot list it (absent, outside its mounts)
     */
    List<Entity> entries(String folder);
}
