package org.spatialx.server.ingestion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spatialx.api.StudyInfo;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.Slot;
import org.spatialx.formats.spatialdata.SampleStore;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.store.Database;
import org.spatialx.server.study.Catalog;

/**
 * {@code pyapi/v1/metadata/get_annotated_element} (protocol 2.2 #35): the names of a table's obs
 * columns ({@code element: "obs"}) or obsm embeddings ({@code "obsm"}), read from the table the
 * ingestion wrote (and analyses added to) in the sample's store, sorted by name. What
 * {@code list_metadata} and {@code list_embedding} show.
 */
public final class AnnotatedElementsApi implements Endpoints {

    private final Database database;
    private final Catalog catalog;

    public AnnotatedElementsApi(Database database, Catalog catalog) {
        this.database = database;
        this.catalog = catalog;
    }

    @Override
    public void register(ApiServer server) {
        server.post("pyapi/v1/metadata/get_annotated_element", this::annotatedElements);
    }

    private List<String> annotatedElements(ApiRequest r) {
        String studyId = r.required("study_id");
        String sampleId = r.required("sample_id");
        String table = r.required("table_id");
        String element = r.required("element");
        Slot slot = switch (element) {
            case "obs" -> Slot.OBS;
            case "obsm" -> Slot.OBSM;
            default -> throw ApiException.badRequest("'element' must be \"obs\" (metadata) or \"obsm\" (embeddings), "
                    + "got '" + element + "'.");
        };
        // the store's path is built from ids this server issued, never from the client's text
        StudyInfo study = database.read(c -> {
            StudyInfo found = catalog.study(c, studyId);
            catalog.sampleOf(c, studyId, sampleId);
            return found;
        });
        Path root = Path.of(study.dataPath()).resolve("spatial").resolve(sampleId);
        if (!Files.isDirectory(root)) {
            throw ApiException.notFound("Sample '" + sampleId + "' of study '" + studyId + "' has no table: nothing "
                    + "was ingested for it (its submission may still be running or may have failed).");
        }
        SampleStore store = SampleStore.open(Path.of(study.dataPath()), sampleId);
        Map<String, String> tables = store.elements(SampleStore.Group.TABLES);
        String id = tables.containsKey(table) ? tables.get(table) : tables.containsValue(table) ? table : null;
        if (id == null) {
            throw ApiException.notFound("Sample '" + sampleId + "' has no table '" + table + "'; its tables are "
                    + tables + " (name=id). map_submit_result of data/detail lists their ids.");
        }
        // sorted as SpatialX lists them (the notebook's list_embedding shows "Connector - PCA" before
        // "Spatial Cell centers", and its cells take embeddings[0])
        List<String> names = new ArrayList<>(AnnDataTable.open(store.path(SampleStore.Group.TABLES, id)).elements(slot)
                .keySet());
        names.sort(null);
        return names;
    }
}
