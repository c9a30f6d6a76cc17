package org.spatialx.shell.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.KeyValue;
import org.spatialx.api.NotebookName;
import org.spatialx.api.SampleData;
import org.spatialx.api.Species;

/**
 * A small connector following the binding contract of {@link NotebookName}, used to test the
 * generic bindings before (and independently of) the real connector: real Java methods with
 * real parameters, options records and sub-objects.
 */
public final class FixtureConnector {

    private final String domain;
    private final List<Map<String, Object>> studies = new ArrayList<>();

    public FixtureConnector(String domain) {
        this.domain = domain;
    }

    /** Account information. */
    @NotebookName(value = "info", property = true)
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("email", "user@example.org");
        info.put("sub_dir", "user");
        info.put("name", "Fixture User");
        info.put("app_base_url", domain);
        return info;
    }

    /** Groups, name to id. */
    @NotebookName(value = "groups", property = true)
    public Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("Personal workspace", "0eebe305688d82fe6c5ce361a43c64da");
        groups.put("All members", "GLOBAL_GROUP");
        return groups;
    }

    /** Options of {@link #listStudy}. */
    public record ListStudyOptions(Species species, int limit, boolean active) {
        /** The notebook defaults. */
        public static ListStudyOptions defaults() {
            return new ListStudyOptions(Species.HUMAN, 50, true);
        }
    }

    /** Studies of a group. */
    @NotebookName("list_study")
    public List<Map<String, Object>> listStudy(String group, ListStudyOptions options) {
        List<Map<String, Object>> page = new ArrayList<>();
        for (Map<String, Object> study : studies) {
            if (study.get("group").equals(group) && study.get("species").equals(options.species().value())) {
                page.add(study);
            }
        }
        return page.subList(0, Math.min(options.limit(), page.size()));
    }

    /** Parse result of a data folder. */
    @NotebookName("parse_data_information")
    public List<SampleData> parseDataInformation(String dataName, String technology, String dataPath) {
        if (dataPath.isBlank()) {
            throw new IllegalArgumentException("data_path is empty: give the folder holding the " + technology + " output");
        }
        return List.of(new SampleData(dataName, "SUBMIT_SPATIAL_BULK", technology,
                List.of(new KeyValue("matrix", dataPath + "/matrix.h5")), List.of(), List.of(), List.of(), List.of()));
    }

    /** Creates a study from sample data. */
    @NotebookName("submit")
    public Map<String, Object> submit(String group, Species species, String title, String sampleName, List<SampleData> sampleData) {
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("study_id", "ST-" + (studies.size() + 1));
        study.put("title", title);
        study.put("group", group);
        study.put("species", species.value());
        study.put("sample_name", sampleName);
        study.put("data_names", sampleData.stream().map(SampleData::name).toList());
        studies.add(study);
        return study;
    }

    /** Always fails, as a server error does. */
    @NotebookName("get_study_detail")
    public Map<String, Object> getStudyDetail(String studyId) throws java.io.IOException {
        throw new java.io.IOException("Study " + studyId + " not found on " + domain);
    }

    /** Released when {@link #waitForever} starts waiting, so a test cancels a call that is really running. */
    public static final java.util.concurrent.Semaphore WAITING = new java.util.concurrent.Semaphore(0);

    /** Blocks until interrupted (for cancellation tests). */
    @NotebookName("wait_forever")
    public String waitForever() throws InterruptedException {
        WAITING.release();
        Thread.sleep(Long.MAX_VALUE);
        return "woke";
    }

    /** The analysis sub-object. */
    @NotebookName(value = "analysis", property = true)
    public Analysis analysis() {
        return new Analysis();
    }

    /** {@code connector.analysis}. */
    public static final class Analysis {
        /** {@code connector.analysis.embeddings}. */
        @NotebookName(value = "embeddings", property = true)
        public Embeddings embeddings() {
            return new Embeddings();
        }
    }

    /** {@code connector.analysis.embeddings}. */
    public static final class Embeddings {
        /** Options of {@link #pca}. */
        public record PcaOptions(int nComponents, String title) {
            /** The notebook defaults. */
            public static PcaOptions defaults() {
                return new PcaOptions(50, "PCA");
            }
        }

        /** Runs a PCA. */
        @NotebookName("pca")
        public Map<String, Object> pca(String dataId, PcaOptions options) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("data_id", dataId);
            result.put("title", options.title());
            result.put("n_components", options.nComponents());
            return result;
        }
    }
}
