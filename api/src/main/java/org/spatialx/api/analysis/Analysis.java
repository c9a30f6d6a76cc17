package org.spatialx.api.analysis;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * An analysis kind (PCA, Leiden, DE genes, ...): a PF4J extension point, so that a plugin kind is
 * callable as {@code connector.analysis.<group>.<name>(...)} like a built-in one, against any
 * server, and runs on the local server when it has a local implementation.
 *
 * <p>The kind is a declaration plus, optionally, one method that does the work:
 * <ul>
 *   <li>{@link #group()}, {@link #name()}: where it appears in the notebook API
 *       ({@code analysis.embeddings.pca});</li>
 *   <li>{@link #subType}, {@link #groupType()}, {@link #defaultTitle()}: the wire words of
 *       {@code analysis/create} (protocol 7.2);</li>
 *   <li>the params record {@code P}: its components, in order, are the wire {@code params} keys
 *       (component {@code nTopGenes} is sent as {@code n_top_genes}); a component named
 *       {@code name} receives the call's {@code title} (null when none was given). Components
 *       marked {@link Derived} are filled by {@link #resolve}, not by the caller; components marked
 *       {@link CallOnly} are call arguments that are not sent; {@link Required} ones have no
 *       default. {@link #defaults()} gives the Python defaults;</li>
 *   <li>{@link #run}: the local implementation, on one data set's table.</li>
 * </ul>
 *
 * @param <P> the params record
 */
public interface Analysis<P extends Record> extends ExtensionPoint {

    /** The notebook attribute that groups the kind, e.g. {@code embeddings}; see {@link AnalysisGroups}. */
    String group();

    /** The method name within the group, e.g. {@code pca}; unique within its group. */
    String name();

    /** {@code data.title} when the caller gives no title (protocol 7.2 "default title"), e.g. {@code PCA}. */
    String defaultTitle();

    /** The wire {@code group_type}, e.g. {@code embedding}. */
    String groupType();

    /** The wire {@code sub_type} for these params, e.g. {@code PCA}. */
    String subType(P params);

    /** The params record's class. */
    Class<P> paramsType();

    /** The params with the Python defaults; {@link Required} components are {@code null}. */
    P defaults();

    /** One line for {@code help()} and listings. */
    default String description() {
        return defaultTitle();
    }

    /**
     * Checks the params before anything is sent or run, e.g. a resolution that must be positive.
     *
     * @throws AnalysisException naming the parameter, the value and what is accepted
     */
    default void validate(P params) {
    }

    /**
     * Whether keyword arguments the kind does not declare (in practice {@code data_id}) are appended
     * to the wire params, as the Python SDK does for most kinds (protocol 7.1, 11.9).
     */
    default boolean extraKeywordsInParams() {
        return true;
    }

    /**
     * The data set the call is about when it is not the {@code data_id} argument (DE genes: its
     * {@code data_id_1}); the client fills the request's top-level ids from it.
     */
    default Optional<String> dataId(P params) {
        return Optional.empty();
    }

    /**
     * Fills the {@link Derived} components from the data records (DE's table ids, region
     * segmentation's element ids); components the caller gave explicitly are kept.
     *
     * @param dataId the call's {@code data_id} argument (not a declared param of most kinds, so the
     *               params cannot carry it), empty when the call has none
     * @throws AnalysisException when a record lacks what a derived component needs
     */
    default P resolve(P params, Optional<String> dataId, DataLookup lookup) {
        return params;
    }

    /**
     * The name results are stored under when the caller gives no title (SpatialX lists e.g.
     * {@code UMAP - n_neighbors=15}); {@link #defaultTitle()} by default.
     */
    default String defaultOutputName(P params) {
        return defaultTitle();
    }

    /** Whether {@link #run} is implemented; kinds that only run on SpatialX say no. */
    default boolean runsLocally() {
        return false;
    }

    /**
     * Runs the analysis on one data set's table. Reports progress and honours cancellation through
     * the context; writes nothing itself: the host stores the returned result.
     *
     * @throws AnalysisException for input the analysis cannot use (unknown key, too few cells), with a clear message
     */
    default AnalysisResult run(P params, AnalysisInput input, AnalysisContext context) throws Exception {
        throw new AnalysisException(group() + "." + name() + " runs on SpatialX only; this server has no local"
                + " implementation of it.");
    }
}
