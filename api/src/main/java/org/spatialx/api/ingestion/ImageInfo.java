package org.spatialx.api.ingestion;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the local server registers of an image: where it is and what its metadata says (pixels are
 * never decoded here).
 *
 * @param source          the image file or folder, as submitted
 * @param format          e.g. {@code OME-TIFF}, {@code QPTIFF}, {@code MCD}, {@code TIFF}, {@code PNG}
 * @param width           pixels across the full-resolution image (0 when unknown)
 * @param height          pixels down (0 when unknown)
 * @param channels        channel names in order (one unnamed channel for a plain RGB/grey image)
 * @param micronsPerPixel the physical pixel size, when the metadata has one
 */
public record ImageInfo(String source, String format, long width, long height, List<String> channels,
        OptionalDouble micronsPerPixel) {

    /** Copies the channel list. */
    public ImageInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        channels = List.copyOf(channels);
        Objects.requireNonNull(micronsPerPixel, "micronsPerPixel");
    }
}
