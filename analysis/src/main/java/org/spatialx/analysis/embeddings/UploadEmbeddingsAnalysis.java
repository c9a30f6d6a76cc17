package org.spatialx.analysis.embeddings;

import org.pf4j.Extension;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.embeddings.upload_embeddings(csv_path)}: imports the embeddings of an uploaded file
 * (despite the name, the server path of an {@code .h5ad}; protocol 7.2).
 */
@Extension
public final class UploadEmbeddingsAnalysis implements Analysis<UploadEmbeddingsAnalysis.Params> {

    /**
     * The wire params (protocol 7.2): no title is sent.
     *
     * @param csvPath the server path of the uploaded file
     */
    public record Params(@Required String csvPath) {
        /** The Python defaults: none. */
        public static Params defaults() {
            return new Params(null);
        }
    }

    @Override
    public String group() {
        return AnalysisGroups.EMBEDDINGS;
    }

    @Override
    public String name() {
        return "upload_embeddings";
    }

    @Override
    public String defaultTitle() {
        return "Import Embeddings";
    }

    @Override
    public String groupType() {
        return "embedding";
    }

    @Override
    public String subType(Params params) {
        return "import_embeddings";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return Params.defaults();
    }

    @Override
    public String description() {
        return "Import embeddings from an uploaded file (runs on SpatialX)";
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("csv_path", params.csvPath());
    }
}
