package org.spatialx.technologies.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;
import org.spatialx.api.ingestion.Boundaries;
import org.spatialx.api.ingestion.ImageInfo;
import org.spatialx.api.ingestion.Rows;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.boundaries.BoundaryReader;
import org.spatialx.formats.images.ImageMetadata;
import org.spatialx.formats.matrix.MatrixMarket;
import org.spatialx.formats.matrix.TenxH5Matrix;
import org.spatialx.formats.transcripts.TranscriptReader;

/**
 * The reading steps the built-in technologies share, on the {@code formats} readers: a 10x matrix
 * (h5 or MEX folder), transcripts and boundaries streamed, image metadata, Space Ranger scale factors.
 */
public final class Readers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Readers() {
    }

    /** A 10x feature-barcode matrix: an {@code .h5} file or a MEX folder. */
    public static ExpressionMatrix tenxMatrix(Path path) {
        return Files.isDirectory(path) ? MatrixMarket.readFolder(path) : TenxH5Matrix.read(path);
    }

    /** The transcripts of a Xenium, CosMx or MERSCOPE table (Parquet, CSV, CSV.GZ), streamed. */
    public static Rows<Transcript> transcripts(Path file) {
        TranscriptReader reader = TranscriptReader.open(file);
        return Rows.of(reader, reader, file.toString());
    }

    /** The polygons of a boundary table, opened when the server stores them. */
    public static Boundaries boundaries(String name, Path file) {
        return new Boundaries(name, file.toString(), () -> {
            BoundaryReader reader = BoundaryReader.open(file);
            return Rows.<CellPolygon>of(reader, reader, file.toString());
        });
    }

    /** The boundaries of each element found, under its display name ({@code element, name, element, name...}). */
    public static List<Boundaries> boundaries(SubmittedFiles files, String... elementsAndNames) {
        List<Boundaries> out = new ArrayList<>();
        for (int i = 0; i + 1 < elementsAndNames.length; i += 2) {
            String name = elementsAndNames[i + 1];
            files.find(elementsAndNames[i]).filter(Files::isRegularFile).ifPresent(p -> out.add(boundaries(name, p)));
        }
        return out;
    }

    /** The metadata of the images of the elements found (files or folders). */
    public static List<ImageInfo> images(SubmittedFiles files, String... elements) {
        List<ImageInfo> out = new ArrayList<>();
        for (String element : elements) {
            files.find(element).ifPresent(p -> out.add(ImageMetadata.read(p)));
        }
        return out;
    }

    /** A number of Space Ranger's {@code scalefactors_json.json} (e.g. {@code spot_diameter_fullres}). */
    public static OptionalDouble scalefactor(SubmittedFiles files, String name) throws IOException {
        Optional<Path> file = files.find("scalefactors");
        if (file.isEmpty()) {
            return OptionalDouble.empty();
        }
        JsonNode value = JSON.readTree(file.get().toFile()).get(name);
        return value == null || !value.isNumber() ? OptionalDouble.empty() : OptionalDouble.of(value.asDouble());
    }

    /** A number of Xenium's {@code experiment.xenium} (e.g. {@code pixel_size}). */
    public static OptionalDouble experimentNumber(SubmittedFiles files, String name) throws IOException {
        Optional<Path> file = files.find("experiment");
        if (file.isEmpty()) {
            return OptionalDouble.empty();
        }
        JsonNode value = JSON.readTree(file.get().toFile()).get(name);
        return value == null || !value.isNumber() ? OptionalDouble.empty() : OptionalDouble.of(value.asDouble());
    }
}
