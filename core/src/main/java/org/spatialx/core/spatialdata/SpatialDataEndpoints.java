package org.spatialx.core.spatialdata;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.spatialx.api.DataRecord;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SpatialAttrs;
import org.spatialx.core.PageOptions;
import org.spatialx.core.study.StudyEndpoints;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.formats.spatialdata.SampleStore;

/**
 * Reading back what a server stored (protocol 7.4, 8.6): {@code SpatialData} of a data set or
 * sample, element display names for {@code get_sample_data_elements}, and the h5ad / CSV export of
 * a data set's table. Requests: {@code data/detail} or {@code sample/detail}, {@code study/detail},
 * then GETs under {@code ucc.go/{data_path}/spatial/{sample_id}/}.
 */
public final class SpatialDataEndpoints {

    private final SpatialXTransport transport;
    private final StudyEndpoints studies;

    public SpatialDataEndpoints(SpatialXTransport transport, StudyEndpoints studies) {
        this.transport = transport;
        this.studies = studies;
    }

    /** {@code SpatialData(data_id=...)} or {@code (sample_id=...)}. */
    public SpatialData open(SpatialDataOptions options) {
        if (options.dataId() != null && !options.dataId().isBlank()) {
            DataRecord data = studies.getSampleDataDetail(options.dataId(), PageOptions.defaults());
            Set<String> ids = new HashSet<>();
            data.elementIds().values().forEach(ids::addAll);
            return new SpatialData(store(data.studyId(), data.sampleId()), data.sampleId(), ids);
        }
        if (options.sampleId() != null && !options.sampleId().isBlank()) {
            SampleDetail sample = studies.getSampleDetail(options.sampleId(), PageOptions.defaults());
            return new SpatialData(store(sample.sample().studyId(), options.sampleId()), options.sampleId(), null);
        }
        throw new IllegalArgumentException("SpatialData needs data_id=... or sample_id=...");
    }

    private GatewayStore store(String studyId, String sampleId) {
        String dataPath = studies.getStudyDetail(studyId, PageOptions.defaults()).study().dataPath();
        return new GatewayStore(transport, dataPath + "/spatial/" + sampleId);
    }

    /**
     * Element kind to display names (protocol 8.6): ids from {@code map_submit_result}, named through
     * the store's {@code elements} attributes; ids the store does not name (an alignment file, or a
     * store the gateway cannot serve) are kept as ids.
     */
    public Map<String, List<String>> elementNames(String dataId) {
        DataRecord data = studies.getSampleDataDetail(dataId, PageOptions.defaults());
        Map<String, List<String>> ids = data.elementIds();
        if (ids.isEmpty()) {
            return ids;
        }
        Map<SampleStore.Group, Map<String, String>> namesById = new LinkedHashMap<>();
        try {
            SpatialData store = new SpatialData(store(data.studyId(), data.sampleId()), data.sampleId(), null);
            for (SampleStore.Group group : SampleStore.Group.values()) {
                Map<String, String> byId = new LinkedHashMap<>();
                store.elements(group).forEach((name, id) -> byId.put(id, name));
                namesById.put(group, byId);
            }
        } catch (RuntimeException unreadable) {
            return ids; // no readable store (a server without one): ids, as the protocol allows
        }
        Map<String, List<String>> names = new LinkedHashMap<>();
        ids.forEach((kind, list) -> names.put(kind, list.stream().map(id -> group(kind)
                .map(g -> namesById.get(g).getOrDefault(id, id)).orElse(id)).toList()));
        return names;
    }

    private static Optional<SampleStore.Group> group(String kind) {
        return SpatialAttrs.groupOf(kind).map(group -> switch (group) {
            case IMAGES -> SampleStore.Group.IMAGES;
            case SHAPES -> SampleStore.Group.SHAPES;
            case POINTS -> SampleStore.Group.POINTS;
            case TABLES -> SampleStore.Group.TABLES;
            default -> null;
        });
    }

    /** The data set's table (by name or id, or its only one). */
    public SpatialTable table(String dataId, String table) {
        return open(SpatialDataOptions.ofData(dataId)).getTable(new ElementOptions(table));
    }

    /** {@code export_anndata(data_id, path)}: the table, with everything written into it, as an .h5ad. */
    public String exportAnndata(String dataId, String path, ExportOptions options) {
        return table(dataId, options.table()).toH5ad(Path.of(path).toString());
    }

    /** {@code export_obs_csv(data_id, path)}: obs and obsm as CSV. */
    public String exportObsCsv(String dataId, String path, ExportOptions options) {
        return table(dataId, options.table()).obsToCsv(Path.of(path).toString());
    }
}
