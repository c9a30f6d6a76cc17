package org.spatialx.core.analysis;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spatialx.api.NotebookFunction;
import org.spatialx.api.NotebookMembers;
import org.spatialx.api.PythonNames;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Derived;
import org.spatialx.api.analysis.Required;

/**
 * One group of {@code connector.analysis} ({@code analysis.embeddings}): a method per kind of the
 * group, from the kinds present, so a plugin kind is called like a built-in one. Each method takes
 * the kind's params as keywords (the params component {@code name} as {@code title}),
 * {@code info_args}, and extra keywords such as {@code data_id} (protocol 7.1).
 */
public final class AnalysisGroup implements NotebookMembers {

    private final String name;
    private final AnalysisEndpoints endpoints;

    AnalysisGroup(String name, AnalysisEndpoints endpoints) {
        this.name = name;
        this.endpoints = endpoints;
    }

    /** The group's name, e.g. {@code embeddings}. */
    public String name() {
        return name;
    }

    /** The kinds of the group, by name. */
    public List<Analysis<?>> kinds() {
        return endpoints.kinds().stream().filter(kind -> kind.group().equals(name)).toList();
    }

    /**
     * Runs the kind {@code kind} of this group with notebook keyword arguments, e.g.
     * {@code call("pca", Map.of("data_id", "DA-X", "title", "Connector - PCA"))}.
     *
     * @return the {@code analysis/create} payload
     */
    public Object call(String kind, Map<String, Object> arguments) {
        return endpoints.run(endpoints.kind(name, kind), arguments);
    }

    /** Its methods' names. */
    String describe() {
        List<String> names = new ArrayList<>(kinds().stream().map(Analysis::name).toList());
        if (name.equals(AnalysisGroups.PREDICTION)) {
            names.add("list_deconvolution_models");
        }
        return String.join(", ", names);
    }

    @Override
    public List<NotebookFunction> notebookMembers() {
        List<NotebookFunction> members = new ArrayList<>();
        for (Analysis<?> kind : kinds()) {
            members.add(function(kind));
        }
        if (name.equals(AnalysisGroups.PREDICTION)) {
            members.add(new NotebookFunction("list_deconvolution_models", false, List.of(), false,
                    "The deconvolution models the server offers: model id to its properties (protocol 2.2 #34).",
                    arguments -> endpoints.listDeconvolutionModels()));
        }
        return members;
    }

    private <P extends Record> NotebookFunction function(Analysis<P> kind) {
        P defaults = kind.defaults();
        List<NotebookFunction.Parameter> parameters = new ArrayList<>();
        List<NotebookFunction.Parameter> optional = new ArrayList<>();
        for (RecordComponent component : kind.paramsType().getRecordComponents()) {
            if (component.isAnnotationPresent(Derived.class)) {
                continue;
            }
            boolean title = component.getName().equals("name");
            String keyword = title ? AnalysisEndpoints.TITLE : PythonNames.snakeCase(component.getName());
            if (component.isAnnotationPresent(Required.class)) {
                parameters.add(new NotebookFunction.Parameter(keyword, component.getGenericType(), true, null));
            } else {
                optional.add(new NotebookFunction.Parameter(keyword, title ? String.class : component.getGenericType(),
                        false, title ? null : AnalysisParams.component(component, defaults)));
            }
        }
        parameters.addAll(optional);
        parameters.add(new NotebookFunction.Parameter(AnalysisEndpoints.INFO_ARGS, Map.class, false, Map.of()));
        if (parameters.stream().noneMatch(p -> p.name().equals("data_id"))) {
            // not a declared param: Python passes it through **kwargs (7.1), listed for completion and help
            parameters.add(new NotebookFunction.Parameter("data_id", String.class, false, null));
        }
        String doc = kind.description() + "\n\nsub_type " + kind.subType(defaults) + ", group_type " + kind.groupType()
                + ", default title '" + kind.defaultTitle() + "'"
                + (kind.runsLocally() ? "; runs on the local server too." : "; runs on a SpatialX server only.")
                + "\nOther keyword arguments (data_id=...) are sent as 7.1 says; info_args sets study_id, sample_id,"
                + " data_id or table_id.";
        return new NotebookFunction(kind.name(), false, parameters, true, doc, arguments -> endpoints.run(kind, arguments));
    }

    /** A short listing, never a secret. */
    @Override
    public String toString() {
        return "AnalysisGroup[" + name + ": " + kinds().stream().map(Analysis::name).collect(Collectors.joining(", ")) + "]";
    }
}
