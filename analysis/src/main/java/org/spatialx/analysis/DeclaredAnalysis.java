package org.spatialx.analysis;

import org.spatialx.api.analysis.Analysis;

/**
 * The declaration of an analysis kind written once (protocol 7.2): where the notebook calls it, its
 * wire words, its params with their defaults. A kind extends this, passes its declaration to the
 * constructor and adds what is its own: {@code validate}, {@code defaultOutputName}, {@code run}.
 *
 * @param <P> the params record
 */
public abstract class DeclaredAnalysis<P extends Record> implements Analysis<P> {

    private final String group;
    private final String name;
    private final String defaultTitle;
    private final String subType;
    private final String groupType;
    private final P defaults;
    private final String description;

    /**
     * A kind.
     *
     * @param group        the notebook group, one of {@link org.spatialx.api.analysis.AnalysisGroups}
     * @param name         the method name within the group
     * @param defaultTitle {@code data.title} when the call has no title
     * @param subType      the wire {@code sub_type} (override {@link #subType} when it depends on the params)
     * @param groupType    the wire {@code group_type}
     * @param defaults     the params with the Python defaults
     * @param description  one line for {@code help()} and listings
     */
    protected DeclaredAnalysis(String group, String name, String defaultTitle, String subType, String groupType,
            P defaults, String description) {
        this.group = group;
        this.name = name;
        this.defaultTitle = defaultTitle;
        this.subType = subType;
        this.groupType = groupType;
        this.defaults = defaults;
        this.description = description;
    }

    @Override
    public final String group() {
        return group;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String defaultTitle() {
        return defaultTitle;
    }

    @Override
    public String subType(P params) {
        return subType;
    }

    @Override
    public final String groupType() {
        return groupType;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final Class<P> paramsType() {
        return (Class<P>) defaults.getClass();
    }

    @Override
    public final P defaults() {
        return defaults;
    }

    @Override
    public final String description() {
        return description;
    }
}
