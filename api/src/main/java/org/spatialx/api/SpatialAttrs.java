package org.spatialx.api;

/**
 * Zarr group and element-kind names of a SpatialX spatial store (protocol 5.12); mirrors {@code SpatialAttrs}.
 */
public enum SpatialAttrs implements WireEnum {
    IMAGES("images"),
    SHAPES("shapes"),
    POINTS("points"),
    TABLES("tables"),
    LABELS("labels"),
    IMAGES_ELEMENT("images"),
    PROTEIN_IMAGES_ELEMENT("protein_images"),
    IMAGES_ALIGNMENT_ELEMENT("images_alignment"),
    SEGMENTATION_ELEMENT("segmentation"),
    TRANSCRIPTS_ELEMENT("transcripts"),
    CELL_CENTERS_ELEMENT("cell_centers"),
    ANNOTATED_DATA("annotated_data"),
    MULTI_LABELS_ELEMENT("multi_labels"),
    SPOT_ELEMENT("spot"),
    CHANNELS_KEY("channels"),
    CHANNEL_LABEL("label");

    private final String value;

    SpatialAttrs(String value) {
        this.value = value;
    }

    /** The exact string sent on the wire. */
    @Override
    public String value() {
        return value;
    }

    /**
     * The member whose wire value or name equals {@code text}.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static SpatialAttrs fromValue(String text) {
        return WireEnum.lookup(SpatialAttrs.class, text);
    }

    /**
     * SPATIAL_ELEMENT_MAPPING: the zarr group holding each element kind (images and
     * protein_images in images; segmentation and spot in shapes; cell_centers and transcripts in
     * points; annotated_data in tables; multi_labels in labels). Empty for kinds with no group.
     */
    public static java.util.Optional<SpatialAttrs> groupOf(String elementKind) {
        return java.util.Optional.ofNullable(switch (elementKind) {
            case "images", "protein_images" -> IMAGES;
            case "segmentation", "spot" -> SHAPES;
            case "cell_centers", "transcripts" -> POINTS;
            case "annotated_data" -> TABLES;
            case "multi_labels" -> LABELS;
            default -> null;
        });
    }
}
