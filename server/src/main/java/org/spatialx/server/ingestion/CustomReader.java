package org.spatialx.server.ingestion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;
import org.spatialx.api.ingestion.Boundaries;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.ImageInfo;
import org.spatialx.api.ingestion.Rows;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.images.ImageMetadata;
import org.spatialx.formats.spatialdata.PointsReader;
import org.spatialx.formats.spatialdata.SampleStore;
import org.spatialx.formats.spatialdata.ShapesReader;
import org.spatialx.technologies.reading.Readers;
import org.spatialx.technologies.spatialdata.H5adReader;

/**
 * Reads a custom submission ({@code add_custom_sample}, {@code add_sample_data_element}: protocol
 * 4.3, 6) element by element from the keys of its pairs: {@code annotated_data} (an h5ad, placed
 * by its {@code obsm["spatial"]} or by the cell centres named in the {@code spatial_id} argument) or
 * {@code matrix} (a 10x {@code .h5} file or Matrix Market folder), {@code segmentation},
 * {@code transcripts}, {@code images} and {@code protein_images}. Single-cell data that no technology
 * describes (a Lens study converted offline, protocol 9.3) is read the same way.
 */
final class CustomReader implements DataReader {

    private static final String EXPRESSION = SubmissionElementKeys.EXPRESSION.value();
    private static final String MATRIX = SubmissionElementKeys.MATRIX.value();
    private static final String SEGMENTATION = SubmissionElementKeys.SEGMENTATION.value();
    private static final String TRANSCRIPTS = SubmissionElementKeys.TRANSCRIPTS.value();

    private final SampleStore store;
    private final String title;
    private final H5adReader h5ad = new H5adReader(EXPRESSION);

    CustomReader(SampleStore store, String title) {
        this.store = store;
        this.title = title;
    }

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        if (files.find(EXPRESSION).isPresent()) {
            return h5ad.matrix(files);
        }
        return files.find(MATRIX).map(Readers::tenxMatrix);
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        Optional<String> spatialId = files.arg(SubmissionElementKeys.SPATIAL_ID.value()).filter(s -> !s.isBlank());
        if (spatialId.isPresent()) {
            return Optional.of(centres(spatialId.get()));
        }
        return files.find(EXPRESSION).isEmpty() ? Optional.empty() : h5ad.positions(files);
    }

    /** The cell centres (points) or spots (circles) shown as, or stored under, {@code nameOrId}. */
    private CellPositions centres(String nameOrId) {
        for (SampleStore.Group group : List.of(SampleStore.Group.POINTS, SampleStore.Group.SHAPES)) {
            Map<String, String> elements = store.elements(group);
            String id = elements.getOrDefault(nameOrId, elements.containsValue(nameOrId) ? nameOrId : null);
            if (id == null) {
                continue;
            }
            Path element = store.path(group, id);
            List<String> ids = new ArrayList<>();
            if (group == SampleStore.Group.POINTS) {
                double[][] xy = {new double[1024], new double[1024]};
                PointsReader.open(element).forEach(t -> {
                    if (ids.size() == xy[0].length) {
                        xy[0] = java.util.Arrays.copyOf(xy[0], ids.size() * 2);
                        xy[1] = java.util.Arrays.copyOf(xy[1], ids.size() * 2);
                    }
                    xy[0][ids.size()] = t.x();
                    xy[1][ids.size()] = t.y();
                    ids.add(t.cellId());
                });
                return new CellPositions(ids, java.util.Arrays.copyOf(xy[0], ids.size()),
                        java.util.Arrays.copyOf(xy[1], ids.size()), "um");
            }
            ShapesReader shapes = ShapesReader.open(element);
            double[] xy = shapes.centres();
            double[] x = new double[xy.length / 2];
            double[] y = new double[xy.length / 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = xy[2 * i];
                y[i] = xy[2 * i + 1];
            }
            return new CellPositions(shapes.ids(), x, y, "um");
        }
        throw new IllegalArgumentException("spatial_id '" + nameOrId + "' names no cell centres or spots of this "
                + "sample (it has points " + store.elements(SampleStore.Group.POINTS).keySet() + " and shapes "
                + store.elements(SampleStore.Group.SHAPES).keySet() + "); get_sample_data_elements lists them");
    }

    @Override
    public Optional<Rows<Transcript>> transcripts(SubmittedFiles files) {
        return files.find(TRANSCRIPTS).map(Readers::transcripts);
    }


    @Override
    public List<Boundaries> boundaries(SubmittedFiles files) {
        Optional<Path> file = files.find(SEGMENTATION);
        if (file.isEmpty()) {
            return List.of();
        }
        String name = file.get().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".geojson") || name.endsWith(".feather") || java.nio.file.Files.isDirectory(file.get())) {
            throw new IllegalArgumentException(file.get() + ": this server reads segmentations as boundary tables "
                    + "(Parquet, CSV: Xenium, CosMx or MERSCOPE/vpt layouts), not GeoJSON, Feather or mask folders");
        }
        return List.of(Readers.boundaries(title, file.get()));
    }

    @Override
    public List<ImageInfo> images(SubmittedFiles files) {
        List<ImageInfo> images = new ArrayList<>();
        for (String key : List.of(SubmissionElementKeys.IMAGES.value(), SubmissionElementKeys.PROTEIN_IMAGES.value())) {
            files.find(key).ifPresent(p -> images.add(ImageMetadata.read(p)));
        }
        return images;
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        return files.number(SubmissionElementKeys.MPP.value());
    }
}
