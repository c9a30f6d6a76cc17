package org.spatialx.analysis.spatial;

import java.util.Locale;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.clustering.ClusterLabels;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.SpatialAttrs;
import org.spatialx.api.Species;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.DataIds;
import org.spatialx.api.analysis.DataLookup;
import org.spatialx.api.analysis.Derived;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * {@code analysis.spatial_analysis.region_segmentation(radius, mpp, species, resolution=0.5, title=None)}:
 * tissue regions from the expression around each cell ({@link RegionSegmentation}: the mean expression
 * profile within {@code radius} microns of each cell, clustered by Leiden at {@code resolution}),
 * written as a categorical obs column under the output name, regions numbered by size.
 *
 * <p>Locally the table's cell (or spot) centres are used, already in microns, so {@code radius} applies
 * as given; {@code mpp}, which SpatialX uses to turn the radius into pixels of the image its
 * coordinates are in, is checked and logged only. {@code species} and the derived
 * {@code transcripts_id}/{@code spots_id} select SpatialX's inputs and do not change a local run.
 */
@Extension
public final class RegionSegmentationAnalysis extends DeclaredAnalysis<RegionSegmentationAnalysis.Params> {

    /** Fewer cells give no meaningful regions. */
    static final int MIN_CELLS = 10;

    /**
     * The wire params (protocol 7.2).
     *
     * @param radius         radius in microns of the spatial graph
     * @param mpp            microns per pixel
     * @param resolution     community resolution: higher gives more regions
     * @param species        the data's species, a {@link Species} wire value
     * @param transcriptsId  the data's transcripts element, derived from its records
     * @param spotsId        the data's spot element, derived from its records
     * @param name           the call's title
     */
    public record Params(@Required Double radius, @Required Double mpp, Double resolution, @Required String species,
            @Derived String transcriptsId, @Derived String spotsId, String name) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, null, 0.5, null, null, null, null);
        }
    }

    /** The kind's declaration. */
    public RegionSegmentationAnalysis() {
        super(AnalysisGroups.SPATIAL_ANALYSIS, "region_segmentation", "Region Segmentation",
                "segmentation_by_spatial_correlation", "svg",
                Params.defaults(), "Tissue regions from the expression around each cell, clustered at a resolution");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredPositive("radius", params.radius());
        ParamChecks.requiredPositive("mpp", params.mpp());
        ParamChecks.requiredPositive("resolution", params.resolution());
        ParamChecks.wireValue("species", params.species(), Species.class);
    }

    /**
     * The first transcripts and spot elements of the call's data set (protocol 7.2). The Python SDK
     * resolves them only from {@code info_args} and sends nulls with the documented {@code data_id=}
     * call; this resolves them from {@code data_id} too (protocol 11.10, F).
     */
    @Override
    public Params resolve(Params params, Optional<String> dataId, DataLookup lookup) {
        if (dataId.isEmpty() || params.transcriptsId() != null && params.spotsId() != null) {
            return params;
        }
        DataIds ids = lookup.ids(dataId.get());
        return new Params(params.radius(), params.mpp(), params.resolution(), params.species(),
                params.transcriptsId() != null ? params.transcriptsId()
                        : ids.first(SpatialAttrs.TRANSCRIPTS_ELEMENT.value()).orElse(null),
                params.spotsId() != null ? params.spotsId() : ids.first(SpatialAttrs.SPOT_ELEMENT.value()).orElse(null),
                params.name());
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("Region segmentation", OutputNames.setting("radius", params.radius()),
                OutputNames.setting("resolution", params.resolution()));
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        ExpressionMatrix counts = input.counts();
        DenseMatrix positions = SpatialInput.positions("spatial_analysis.region_segmentation", input);
        if (counts.cellCount() < MIN_CELLS || counts.geneCount() < 2) {
            throw new org.spatialx.api.analysis.AnalysisException("spatial_analysis.region_segmentation needs at least "
                    + MIN_CELLS + " cells and 2 genes; data set " + input.dataId() + " has " + counts.cellCount()
                    + " cells and " + counts.geneCount() + " genes.");
        }
        context.log(String.format(Locale.ROOT, "Cell centres in microns: radius=%s µm used as given (mpp=%s, the"
                + " microns per pixel SpatialX converts the radius with, is not needed here)",
                OutputNames.number(params.radius()), OutputNames.number(params.mpp())));
        try (Workers workers = Workers.of(context)) {
            RegionSegmentation.Result result = RegionSegmentation.segment(counts, positions, params.radius(),
                    params.resolution(), context.seed(), workers, f -> context.progress("region segmentation", f));
            int[] sizes = ClusterLabels.sizes(result.regions());
            String summary = String.format(Locale.ROOT, "%d regions at resolution %s from the mean expression within"
                    + " %s µm of each of %,d cells (%.1f cells within the radius on average; %,d tiles of %.1f µm"
                    + " clustered); sizes %s", sizes.length, OutputNames.number(params.resolution()),
                    OutputNames.number(params.radius()), counts.cellCount(), result.meanNeighbours(), result.tiles(),
                    result.tileSide(), SpatialInput.sizes(sizes));
            context.log(summary);
            context.progress("done", 1);
            return AnalysisResult.builder()
                    .obs(context.outputName(), Column.Categorical.ofClusters(result.regions()))
                    .summary(summary)
                    .build();
        }
    }
}
