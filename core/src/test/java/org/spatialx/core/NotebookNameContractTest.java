package org.spatialx.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spatialx.api.NotebookName;

/**
 * The keyword-argument binding contract of {@link NotebookName} that the shell relies on: camelCase
 * parameter names compiled in, at most one trailing options record with a static
 * {@code defaults()}, attributes without parameters.
 */
class NotebookNameContractTest {

    private static List<Method> annotated() {
        return Arrays.stream(SpatialXConnector.class.getMethods())
                .filter(m -> m.isAnnotationPresent(NotebookName.class))
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    @Test
    void theConnectorMirrorsTheNotebookCallsOfThisIssue() {
        Set<String> names = annotated().stream().map(m -> m.getAnnotation(NotebookName.class).value())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("analysis", "info", "groups", "external_folders", "external_s3", "folders", "s3",
                "listdir", "list_study", "get_study_detail", "rename_study", "delete_study", "list_sample",
                "get_sample_detail", "rename_sample", "delete_sample", "get_sample_data_detail", "rename_sample_data",
                "delete_sample_data", "delete_element", "get_sample_data_elements", "create_study", "add_sample",
                "add_sample_data", "submit", "add_multiple_samples", "submit_multiple_samples", "add_custom_sample",
                "add_sample_data_element", "upload_file", "upload_big_file", "upload_folder",
                "parse_data_information", "parse_multiple_samples_information", "describe_data",
                "combine_multiple_datasets", "list_lens_sc_studies", "list_lens_bulk_studies", "convert_data_from_lens",
                // reading back (protocol 7.4)
                "spatial_data", "get_anndata", "export_anndata", "export_obs_csv",
                // analyses (protocol 7): connector.analysis, whose groups and kinds come from the kinds present
                "analysis")), names);
        assertEquals(names.size(), annotated().size(), "one annotated method per notebook name");
    }

    @Test
    void javaNamesAreTheCamelCaseOfThePythonNames() {
        for (Method method : annotated()) {
            NotebookName name = method.getAnnotation(NotebookName.class);
            assertEquals(name.value(), snake(method.getName()), method.toString());
        }
    }

    @Test
    void propertiesTakeNoArgumentsAndCallsFollowTheKwargsContract() throws Exception {
        for (Method method : annotated()) {
            NotebookName name = method.getAnnotation(NotebookName.class);
            Parameter[] parameters = method.getParameters();
            if (name.property()) {
                assertEquals(0, parameters.length, method.toString());
                continue;
            }
            for (int i = 0; i < parameters.length; i++) {
                Parameter parameter = parameters[i];
                assertTrue(parameter.isNamePresent(), "compile with -parameters: " + method);
                boolean options = parameter.getType().isRecord() && hasDefaults(parameter.getType());
                if (options) {
                    assertEquals(parameters.length - 1, i, "the options record comes last: " + method);
                    Method defaults = parameter.getType().getMethod("defaults");
                    assertTrue(Modifier.isStatic(defaults.getModifiers()), method.toString());
                    assertEquals(parameter.getType(), defaults.getReturnType());
                    assertTrue(defaults.invoke(null) != null);
                }
            }
        }
    }

    private static boolean hasDefaults(Class<?> type) {
        try {
            type.getMethod("defaults");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void optionsComponentsAreTheOptionalKeywordArguments() {
        assertEquals(List.of("limit", "offset", "active", "compare"), components(ListStudyOptions.class));
        assertEquals(List.of("limit", "offset", "need_data"), components(ListSampleOptions.class));
        assertEquals(List.of("ignore_hidden", "get_details"), components(ListdirOptions.class));
        assertEquals(List.of("description", "tracking", "max_time"), components(SubmitOptions.class));
        assertEquals(List.of("paths", "args", "kwargs", "tracking", "max_time"), components(AddCustomSampleOptions.class));
        assertEquals(List.of("sample_data"), components(AddSampleOptions.class));
        assertEquals(List.of("reference_anndata_paths", "included_images", "included_segmentation", "metadata_action"),
                components(CombineMultipleDatasetsOptions.class));
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> snake(c.getName())).toList();
    }
}
