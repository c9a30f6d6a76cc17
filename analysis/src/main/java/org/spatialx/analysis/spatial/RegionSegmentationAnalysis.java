package org.spatialx.analysis.spatial;

import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.SpatialAttrs;
import org.spatialx.api.Species;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.DataIds;
import org.spatialx.api.analysis.DataLookup;
import org.spatialx.api.analysis.Derived;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.spatial_analysis.region_segmentation(radius, mpp, species, resolution=0.5, title=None)}:
 * tissue regions from the spatial correlation of expression. Runs on SpatialX.
 */
@Extension
public final class RegionSegmentationAnalysis extends DeclaredAnalysis<RegionSegmentationAnalysis.Params> {

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
                Params.defaults(), "Tissue regions from the spatial correlation of expression (runs on SpatialX)");
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
}
