package org.spatialx.api;

import java.util.List;

/**
 * Every protocol enum of this package (protocol section 5), listed once, in the order of the
 * protocol's sections. Scripts import them under their simple names; a test pins this list
 * against the package's contents so a new enum cannot be forgotten.
 */
public final class ProtocolEnums {

    /** The protocol enums, each a {@link WireEnum}. */
    public static final List<Class<? extends Enum<?>>> ALL = List.of(
            Technologies.class,
            CombinedTechnologies.class,
            SubmissionType.class,
            Species.class,
            DefaultGroup.class,
            StudyType.class,
            StudyStatus.class,
            StudyFilter.class,
            EnableStatus.class,
            NormalizeMethod.class,
            ImagesSubmission.class,
            SegmentationSubmission.class,
            TranscriptsSubmission.class,
            ExpressionSubmission.class,
            SubmissionElementKeys.class,
            MetadataAction.class,
            ConnectorKeys.class,
            SpatialAttrs.class,
            Permission.class);

    private ProtocolEnums() {
    }
}
