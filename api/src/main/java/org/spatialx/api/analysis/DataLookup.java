package org.spatialx.api.analysis;

/** What {@link Analysis#resolve} may ask about a data set: the client answers from {@code data/detail}. */
@FunctionalInterface
public interface DataLookup {

    /** The ids of a data set and of its elements. */
    DataIds ids(String dataId);
}
