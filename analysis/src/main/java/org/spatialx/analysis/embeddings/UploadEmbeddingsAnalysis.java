package org.spatialx.analysis.embeddings;

import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.embeddings.upload_embeddings(csv_path)}: imports the embeddings of an uploaded file
 * (despite the name, the server path of an {@code .h5ad}; protocol 7.2).
 */
@Extension
public final class UploadEmbeddingsAnalysis extends DeclaredAnalysis<UploadEmbeddingsAnalysis.Params> {

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

    /** The kind's declaration. */
    public UploadEmbeddingsAnalysis() {
        super(AnalysisGroups.EMBEDDINGS, "upload_embeddings", "Import Embeddings", "import_embeddings", "embedding",
                Params.defaults(), "Import embeddings from an uploaded file (runs on SpatialX)");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("csv_path", params.csvPath());
    }
}
