package org.spatialx.server.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.spatialx.api.CombinedTechnologies;
import org.spatialx.api.EnableStatus;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SpatialAttrs;
import org.spatialx.api.StudyStatus;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.api.SubmissionType;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;
import org.spatialx.api.ingestion.Boundaries;
import org.spatialx.api.ingestion.Centers;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.ImageInfo;
import org.spatialx.api.ingestion.Rows;
import org.spatialx.api.technology.Technology;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.TableEntry;
import org.spatialx.formats.matrix.TranscriptCounts;
import org.spatialx.formats.parquet.ParquetTable;
import org.spatialx.formats.spatialdata.PointsWriter;
import org.spatialx.formats.spatialdata.SampleStore;
import org.spatialx.formats.spatialdata.ShapesWriter;
import org.spatialx.formats.zarr.AtomicFiles;
import org.spatialx.formats.zarr.Json;
import org.spatialx.formats.zarr.ZarrGroup;
import org.spatialx.server.job.Job;
import org.spatialx.server.job.JobContext;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.storage.OwnerOnly;
import org.spatialx.server.storage.StorageException;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.store.Ulid;
import org.spatialx.server.study.Catalog;
import org.spatialx.server.study.SubmissionState;
import org.spatialx.technologies.TechnologyCatalog;

/**
 * The ingestion a SpatialX server performs for one submitted data set ({@code sample/create},
 * {@code data/create}, {@code data_extend/add}, custom and combined samples): reads the files
 * through the technology's {@link DataReader} (or element by element for a custom submission),
 * applies the QC kwargs, writes the sample store of protocol 7.4 under the study's
 * {@code data_path} (an AnnData table, transcripts and cell centres as points, boundaries and spots
 * as shapes, images registered), then lists the elements in the store and in
 * {@code map_submit_result}. Every step logs what it reads, how far it got and how long it took.
 * Nothing is listed until everything is written: a failure removes what the job wrote.
 */
public final class IngestionJob implements Job {

    /** Locks of sample stores, so that two jobs of one sample register their names one after the other. */
    private static final Map<String, Object> SAMPLE_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long PROGRESS_ROWS = 1_000_000;
    /** How often a long step looks whether the server is stopping. */
    private static final long CANCEL_CHECK_ROWS = 1 << 14;

    /** Thrown out of a long step when the server stops: what was written is removed, recovery fails the job. */
    private static final class JobStopping extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobStopping() {
            super("the server is stopping", null, false, false);
        }
    }
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final Catalog catalog;
    private final Mounts mounts;
    private final Ulid ids;
    private final TechnologyCatalog technologies;
    private final String submitId;
    private final Clock clock;
    /** The pairs of a data set whose technology has no reader: registered as they are. */
    private final List<Map.Entry<String, Path>> received = new ArrayList<>();

    /** Element kind (protocol 5.12) of a SampleData key (5.10) registered as received; other keys are inputs. */
    private static final Map<String, String> RECEIVED_KINDS = Map.of(
            SubmissionElementKeys.IMAGES.value(), SpatialAttrs.IMAGES_ELEMENT.value(),
            SubmissionElementKeys.PROTEIN_IMAGES.value(), SpatialAttrs.PROTEIN_IMAGES_ELEMENT.value(),
            SubmissionElementKeys.SEGMENTATION.value(), SpatialAttrs.SEGMENTATION_ELEMENT.value(),
            SubmissionElementKeys.TRANSCRIPTS.value(), SpatialAttrs.TRANSCRIPTS_ELEMENT.value(),
            SubmissionElementKeys.CELL_CENTERS.value(), SpatialAttrs.CELL_CENTERS_ELEMENT.value(),
            SubmissionElementKeys.EXPRESSION.value(), SpatialAttrs.ANNOTATED_DATA.value(),
            SubmissionElementKeys.MATRIX.value(), SpatialAttrs.ANNOTATED_DATA.value(),
            SubmissionElementKeys.TISSUE_POSITIONS.value(), SpatialAttrs.SPOT_ELEMENT.value());

    public IngestionJob(Database database, Catalog catalog, Mounts mounts, Ulid ids, TechnologyCatalog technologies,
            String submitId, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.mounts = mounts;
        this.ids = ids;
        this.technologies = technologies;
        this.submitId = submitId;
        this.clock = clock;
    }

    /** The manifest of the elements a submission's job writes, beside its log. */
    static Path manifest(Path logPath) {
        return logPath.resolveSibling("elements.written");
    }

    /** Removes what the job whose log is {@code logPath} wrote and never listed (it failed or was interrupted). */
    public static void discardWrites(Path logPath) {
        StoreWrites.discard(manifest(logPath), null);
    }

    /** What the job knows of its submission, read once. */
    private record Submission(String dataId, String studyId, String sampleId, Path dataPath, String title,
            String technology, String submissionType, List<KeyValue> files, List<KeyValue> folders,
            List<KeyValue> args, Map<String, String> kwargs, List<String> identities, boolean extension) {

        boolean custom() {
            return !identities.isEmpty() || args.stream().anyMatch(a -> a.key().equals("ignore_technology_elements")
                    && String.valueOf(a.value()).equalsIgnoreCase("true"));
        }

        Optional<String> arg(String key) {
            return args.stream().filter(a -> a.key().equals(key)).map(a -> String.valueOf(a.value())).findFirst();
        }
    }

    @Override
    public void run(JobContext context) throws Exception {
        Submission s = load();
        database.write(c -> Sql.update(c, "UPDATE submissions SET state = ? WHERE submit_id = ?",
                SubmissionState.RUNNING.stored(), submitId));
        context.log("Submission " + submitId + " of '" + s.title() + "' (" + s.technology() + ", "
                + s.submissionType() + ") into " + s.dataPath().resolve("spatial").resolve(s.sampleId()));
        Map<String, Path> pairs = inputs(s, context);
        OwnerOnly.createDirectories(s.dataPath().resolve("spatial"));
        SampleStore store = SampleStore.create(s.dataPath(), s.sampleId());
        OwnerOnly.restrictTree(store.root()); // the store's skeleton; elements are restricted as they are registered
        StoreWrites writes = new StoreWrites(store, manifest(context.logPath()));
        Steps steps = new Steps(context, s.dataId());
        try {
            ingest(s, pairs, writes, steps);
            steps.percent(99);
            synchronized (SAMPLE_LOCKS.computeIfAbsent(s.sampleId(), k -> new Object())) {
                writes.register();
            }
            int registered = registerRows(s, pairs, writes);
            context.log("Registered " + registered + " element(s): " + describe(writes) + " (total "
                    + steps.total() + ")");
        } catch (Exception | Error e) {
            StoreWrites.discard(writes.manifest(), e);
            throw e;
        }
    }

    // ------------------------------------------------------------------------------ loading

    private Submission load() throws Exception {
        return database.read(c -> {
            Map<String, Object> sub = Sql.one(c, "SELECT * FROM submissions WHERE submit_id = ?", submitId);
            if (sub == null) {
                throw new IllegalStateException("submission " + submitId + " is not recorded");
            }
            String dataId = (String) sub.get("data_id");
            Map<String, Object> data = Sql.one(c, "SELECT * FROM data WHERE data_id = ?", dataId);
            Map<String, Object> extension = Sql.one(c, "SELECT * FROM data_extensions WHERE submit_id = ?", submitId);
            Map<String, Object> source = extension == null ? data : extension;
            Map<String, Object> study = Sql.one(c, "SELECT data_path FROM studies WHERE study_id = ?",
                    sub.get("study_id"));
            try {
                Map<String, String> kwargs = new LinkedHashMap<>();
                for (KeyValue kv : keyValues((String) source.get("kwargs"))) {
                    kwargs.put(kv.key(), kv.value() == null ? null : String.valueOf(kv.value()));
                }
                return new Submission(dataId, (String) sub.get("study_id"), (String) sub.get("sample_id"),
                        Path.of((String) study.get("data_path")), (String) source.get("title"),
                        (String) data.get("technology"), (String) data.get("submission_type"),
                        keyValues((String) source.get("files")), keyValues((String) source.get("folders")),
                        keyValues((String) source.get("args")), kwargs,
                        List.of(JSON.readValue((String) source.get("identities"), String[].class)), extension != null);
            } catch (IOException e) {
                throw new IllegalStateException("submission " + submitId + " holds invalid JSON: " + e.getMessage(), e);
            }
        });
    }

    /** The submitted files and folders, checked to exist inside a mount. */
    private Map<String, Path> inputs(Submission s, JobContext context) throws IOException {
        Map<String, Path> pairs = new LinkedHashMap<>();
        for (KeyValue kv : s.files()) {
            Path path = mounts.resolveAbsolute(String.valueOf(kv.value()));
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("file '" + kv.key() + "' not found: " + kv.value()
                        + (Files.isDirectory(path) ? " is a folder" : "") + ". Upload it first and submit again with "
                        + "its server path.");
            }
            requireReadable(kv.key(), path, false);
            context.log("  " + kv.key() + ": " + path + " (" + Files.size(path) + " bytes)");
            pairs.put(kv.key(), path);
        }
        for (KeyValue kv : s.folders()) {
            Path path = mounts.resolveAbsolute(String.valueOf(kv.value()));
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("folder '" + kv.key() + "' not found: " + kv.value()
                        + ". Upload it first (upload_folder) and submit again with its server path.");
            }
            requireReadable(kv.key(), path, true);
            try (var children = Files.list(path)) {
                if (children.findAny().isEmpty()) {
                    throw new IllegalArgumentException("folder '" + kv.key() + "' is empty: " + kv.value()
                            + ". Upload its files and submit again.");
                }
            }
            context.log("  " + kv.key() + ": " + path + " (folder)");
            pairs.put(kv.key(), path);
        }
        return pairs;
    }

    /** Opens the file (lists the folder) once: existing is not enough, the data must be readable. */
    private static void requireReadable(String key, Path path, boolean folder) {
        try {
            if (folder) {
                Files.newDirectoryStream(path).close();
            } else {
                FileChannel.open(path, StandardOpenOption.READ).close();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException((folder ? "folder '" : "file '") + key + "' cannot be read: "
                    + StorageException.of(path.toString(), e, "").getMessage() + " Then submit again.", e);
        }
    }

    // ---------------------------------------------------------------------------- ingestion

    private void ingest(Submission s, Map<String, Path> pairs, StoreWrites writes, Steps steps) throws Exception {
        if (s.identities().contains("MERGE_MULTIPLE_ANNDATA")) {
            combine(s, writes, steps);
            return;
        }
        boolean elementByElement = s.custom() || isSingleCell(s.technology());
        Technology technology = elementByElement ? null : technology(s.technology());
        Optional<DataReader> found = elementByElement ? Optional.of(new CustomReader(writes.store(), s.title()))
                : technology.reader();
        if (found.isEmpty()) {
            steps.log("Technology " + technology.id() + " (" + technologies.origin(technology.id()) + ") has no "
                    + "reader on this server: its files are registered as received, nothing is ingested.");
            received.addAll(pairs.entrySet());
            return;
        }
        DataReader reader = found.get();
        SubmittedDataFiles files = SubmittedDataFiles.of(technology, pairs, s.args());
        String base = s.title();
        OptionalDouble mpp = steps.call("Reading the pixel size", files.describe(), () -> reader.micronsPerUnit(files));
        Centers centers = reader.centers();
        boolean proteomics = technology != null && technology.submissionType() == SubmissionType.SPATIAL_PROTEOMICS;

        steps.percent(2);
        Optional<ExpressionMatrix> matrix = steps.call("Reading the expression matrix", source(files, "matrix",
                "cell_matrix", "expression_matrix", "annotated_data", "dcc"), () -> reader.matrix(files));
        matrix.ifPresent(m -> steps.log("  " + m.cellCount() + " " + rowsWord(centers) + " x " + m.geneCount()
                + " genes, " + m.nonZeroCount() + " non-zero values"));
        steps.percent(10);
        Optional<CellPositions> positions = steps.call("Reading the " + (centers == Centers.SPOTS ? "spot" : "cell")
                + " positions", source(files, "cells", "cell_metadata", "tissue_positions"), () -> reader.positions(files));
        positions.ifPresent(p -> steps.log("  " + p.size() + " positions in " + p.unit()));
        steps.percent(15);
        String unit = positions.map(CellPositions::unit).orElse(mpp.isPresent() && mpp.getAsDouble() == 1.0 ? "um"
                : "px");

        // transcripts: streamed into points; counted per cell and placed when the data set has no matrix or positions
        TranscriptCounts.Accumulator counts = matrix.isEmpty() && centers == Centers.CELLS
                ? new TranscriptCounts.Accumulator() : null;
        Centroids transcriptCentres = positions.isEmpty() && centers == Centers.CELLS ? new Centroids() : null;
        Optional<Rows<Transcript>> transcripts = steps.call("Opening the transcripts",
                source(files, "transcripts"), () -> reader.transcripts(files));
        if (transcripts.isPresent()) {
            writeTranscripts(s, transcripts.get(), counts, transcriptCentres, mpp, unit, writes, steps, base);
        }
        steps.percent(70);

        Centroids boundaryCentres = positions.isEmpty() && centers == Centers.CELLS ? new Centroids() : null;
        List<Boundaries> boundaries = steps.call("Finding the boundaries", files.describe(), () -> reader.boundaries(files));
        for (int i = 0; i < boundaries.size(); i++) {
            Boundaries b = boundaries.get(i);
            // the first set (the cells') places the cells when nothing else does
            writeBoundaries(b, i == 0 ? boundaryCentres : null, mpp, unit, writes, steps, s.extension() ? base
                    : base + " - " + b.name());
        }
        steps.percent(80);

        if (matrix.isEmpty() && counts != null && transcripts.isPresent()) {
            ExpressionMatrix counted = steps.call("Counting transcripts per cell", transcripts.get().source(),
                    () -> Optional.of(counts.build())).get();
            if (counted.cellCount() > 0) {
                steps.log("  " + counted.cellCount() + " cells x " + counted.geneCount() + " genes from the transcripts");
                matrix = Optional.of(counted);
            }
        }
        if (positions.isEmpty() && matrix.isPresent() && centers == Centers.CELLS) {
            positions = placeCells(boundaryCentres, transcriptCentres, unit, steps);
        }
        if (matrix.isPresent()) {
            writeTable(s, reader, files, matrix.get(), positions, centers, mpp, writes, steps, base);
        }
        steps.percent(95);

        List<ImageInfo> images = steps.call("Reading image metadata", files.describe(), () -> reader.images(files));
        for (ImageInfo image : images) {
            writeImage(image, proteomics || pairs.containsKey(SubmissionElementKeys.PROTEIN_IMAGES.value()), writes,
                    steps, s.extension() ? base : base + " - " + Path.of(image.source()).getFileName());
        }
    }

    private Optional<CellPositions> placeCells(Centroids fromBoundaries, Centroids fromTranscripts, String unit,
            Steps steps) {
        if (fromBoundaries != null && !fromBoundaries.isEmpty()) {
            steps.log("  cells placed at the centre of their boundaries (the data set has no cell positions)");
            return Optional.of(fromBoundaries.positions(unit));
        }
        if (fromTranscripts != null && !fromTranscripts.isEmpty()) {
            steps.log("  cells placed at the mean of their transcripts (the data set has no cell positions)");
            return Optional.of(fromTranscripts.positions(unit));
        }
        return Optional.empty();
    }

    /** Single-cell data that no installed technology claims: read element by element ({@link CustomReader}). */
    private boolean isSingleCell(String wire) {
        return CombinedTechnologies.SINGLE_CELL_TRANSCRIPTOMICS.value().equals(wire) && findTechnology(wire).isEmpty();
    }

    private Optional<Technology> findTechnology(String wire) {
        return technologies.find(wire).or(() -> technologies.technologies().stream()
                .filter(t -> t.wireTechnology().equals(wire)).findFirst());
    }

    private Technology technology(String wire) {
        return findTechnology(wire)
                .orElseThrow(() -> new IllegalArgumentException("Unknown technology '" + wire + "': this server knows "
                        + technologies.technologies().stream().map(Technology::id).toList()
                        + ". Install its plugin in the server's plugins folder, or submit with add_custom_sample."));
    }

    private static String source(SubmittedDataFiles files, String... names) {
        for (String name : names) {
            Optional<Path> path = files.find(name);
            if (path.isPresent()) {
                return path.get().toString();
            }
        }
        return files.describe();
    }

    private static String rowsWord(Centers centers) {
        return centers == Centers.SPOTS ? "spots" : "cells";
    }

    private void writeTranscripts(Submission s, Rows<Transcript> rows, TranscriptCounts.Accumulator counts,
            Centroids centres, OptionalDouble mpp, String unit, StoreWrites writes, Steps steps, String base)
            throws Exception {
        String source = rows.source().isEmpty() ? "the transcripts" : rows.source();
        long expected = expectedRows(source);
        String id = ids.next("PT-");
        Path element = writes.plan(SampleStore.Group.POINTS, id);
        long started = System.nanoTime();
        steps.log("Writing transcripts from " + source + (expected > 0 ? " (" + expected + " rows)" : ""));
        long[] seen = {0};
        java.util.Iterator<Transcript> tee = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Transcript next() {
                Transcript t = rows.next();
                if (counts != null) {
                    counts.add(t);
                }
                if (centres != null && t.inCell()) {
                    centres.add(t.cellId(), t.x(), t.y());
                }
                if (++seen[0] % CANCEL_CHECK_ROWS == 0 && steps.cancelled()) {
                    throw new JobStopping();
                }
                if (seen[0] % PROGRESS_ROWS == 0) {
                    double fraction = expected > 0 ? Math.min(1, (double) seen[0] / expected)
                            : 1 - 1 / (1 + seen[0] / 2e7);
                    int percent = 15 + (int) (50 * fraction);
                    steps.percent(percent);
                    steps.log("  " + seen[0] + " rows so far" + (expected > 0 ? " (" + (int) (100 * fraction)
                            + " % of the file)" : "") + ", " + seconds(System.nanoTime() - started));
                }
                return t;
            }
        };
        PointsWriter.Summary summary;
        try (rows) {
            summary = steps.call("Writing transcripts", source, () -> new PointsWriter(PointsWriter.Options.defaults()
                    .withMpp(mpp.isPresent() ? mpp.getAsDouble() : null).withCoordinateUnit(axisUnit(unit)))
                    .write(element, tee));
        }
        String name = writes.uniqueName(SampleStore.Group.POINTS, s.extension() ? base : base + " - Transcripts");
        writes.written(SampleStore.Group.POINTS, SpatialAttrs.TRANSCRIPTS_ELEMENT.value(), id, name);
        steps.log("  " + summary.transcripts() + " transcripts of " + summary.genes().size() + " genes written as "
                + "points " + id + " (" + seconds(System.nanoTime() - started) + ")");
    }

    private static long expectedRows(String source) {
        try {
            Path file = Path.of(source);
            if (Files.isRegularFile(file) && ParquetTable.isParquet(file)) {
                try (ParquetTable table = ParquetTable.open(file)) {
                    return table.rowCount();
                }
            }
        } catch (RuntimeException e) {
            return -1; // the reader names the problem when it reads the file
        }
        return -1;
    }

    private void writeBoundaries(Boundaries boundaries, Centroids centres, OptionalDouble mpp, String unit,
            StoreWrites writes, Steps steps, String baseName) throws Exception {
        String id = ids.next("SH-");
        Path element = writes.plan(SampleStore.Group.SHAPES, id);
        long started = System.nanoTime();
        steps.log("Writing " + boundaries.name().toLowerCase(java.util.Locale.ROOT) + " from " + boundaries.source());
        long count;
        try (Rows<CellPolygon> polygons = steps.call("Opening " + boundaries.name(), boundaries.source(),
                boundaries.open()::open)) {
            Set<String> written = new HashSet<>();
            java.util.Iterator<CellPolygon> firstPerCell = new java.util.Iterator<>() {
                private CellPolygon next = advance();

                private CellPolygon advance() {
                    while (polygons.hasNext()) {
                        CellPolygon p = polygons.next();
                        // MERSCOPE lists a cell once per z-plane: its first plane stands for it
                        if (written.add(p.cellId())) {
                            if (centres != null) {
                                centres.addPolygon(p.cellId(), p.x(), p.y());
                            }
                            return p;
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public CellPolygon next() {
                    CellPolygon current = next;
                    next = advance();
                    return current;
                }
            };
            count = steps.call("Writing " + boundaries.name(), boundaries.source(),
                    () -> new ShapesWriter(axisUnit(unit), mpp.isPresent() ? mpp.getAsDouble() : null)
                            .writePolygons(element, firstPerCell));
        }
        writes.written(SampleStore.Group.SHAPES, SpatialAttrs.SEGMENTATION_ELEMENT.value(), id,
                writes.uniqueName(SampleStore.Group.SHAPES, baseName));
        steps.log("  " + count + " polygons written as shapes " + id + " (" + seconds(System.nanoTime() - started) + ")");
    }

    private void writeTable(Submission s, DataReader reader, SubmittedDataFiles files, ExpressionMatrix matrix,
            Optional<CellPositions> positions, Centers centers, OptionalDouble mpp, StoreWrites writes, Steps steps,
            String base) throws Exception {
        CellPositions aligned = positions.isEmpty() ? null : steps.call("Matching the matrix with the positions",
                files.describe(), () -> MatrixRows.align(matrix, positions.get(), source(files, "matrix", "cell_matrix",
                        "expression_matrix", "annotated_data"), source(files, "cells", "cell_metadata",
                        "tissue_positions", "spatial_id")));
        QualityControl qc = QualityControl.of(s.kwargs());
        QualityControl.Outcome outcome = qc.apply(matrix);
        steps.log("Quality control (" + qc.describe() + "): kept " + outcome.keptCount() + " of " + matrix.cellCount()
                + " " + rowsWord(centers) + "; removed " + outcome.removed() + " (" + outcome.fewGenes()
                + " with too few genes, " + outcome.fewCounts() + " with too few counts, " + outcome.mitoControls()
                + " with too many mitochondrial/control counts)");
        if (outcome.keptCount() == 0) {
            throw new IllegalArgumentException("Quality control removed every one of the " + matrix.cellCount() + " "
                    + rowsWord(centers) + " (" + qc.describe() + "); submit again with lower min_genes/min_counts");
        }
        ExpressionMatrix kept = outcome.removed() == 0 ? matrix : MatrixRows.keep(matrix, outcome.kept());
        CellPositions keptPositions = aligned == null ? null : MatrixRows.align(kept, aligned, "", "");
        List<TableEntry> entries = new ArrayList<>(AnnDataWriter.cellQc(kept));
        if (keptPositions != null) {
            entries.add(AnnDataWriter.spatial(centers == Centers.SPOTS ? AnnDataWriter.SPATIAL_SPOT_CENTERS
                    : AnnDataWriter.SPATIAL_CELL_CENTERS, keptPositions.x(), keptPositions.y()));
        }
        writeTable(kept, entries, writes, steps, base);
        if (keptPositions != null) {
            writeCentres(keptPositions, centers, reader.spotDiameter(files), mpp, writes, steps, base, s.extension());
        }
    }

    private void writeTable(ExpressionMatrix matrix, List<TableEntry> entries, StoreWrites writes, Steps steps,
            String name) throws Exception {
        String id = ids.next("TB-");
        Path element = writes.plan(SampleStore.Group.TABLES, id);
        long started = System.nanoTime();
        steps.call("Writing the table", element.toString(), () -> {
            new AnnDataWriter().create(element, matrix, entries);
            return null;
        });
        writes.written(SampleStore.Group.TABLES, SpatialAttrs.ANNOTATED_DATA.value(), id,
                writes.uniqueName(SampleStore.Group.TABLES, name));
        steps.log("Wrote the table " + id + ": " + matrix.cellCount() + " x " + matrix.geneCount() + " ("
                + seconds(System.nanoTime() - started) + ")");
    }

    private void writeCentres(CellPositions positions, Centers centers, OptionalDouble diameter, OptionalDouble mpp,
            StoreWrites writes, Steps steps, String base, boolean extension) throws Exception {
        long started = System.nanoTime();
        String unit = axisUnit(positions.unit());
        Double micronsPerUnit = mpp.isPresent() ? mpp.getAsDouble() : null;
        if (centers == Centers.SPOTS) {
            String id = ids.next("SP-");
            Path element = writes.plan(SampleStore.Group.SHAPES, id);
            double radius = diameter.isPresent() ? diameter.getAsDouble() / 2 : 1;
            steps.call("Writing the spots", element.toString(), () -> new ShapesWriter(unit, micronsPerUnit)
                    .writeCircles(element, positions, new double[] {radius}));
            writes.written(SampleStore.Group.SHAPES, SpatialAttrs.SPOT_ELEMENT.value(), id,
                    writes.uniqueName(SampleStore.Group.SHAPES, base + " - Spots"));
            steps.log("Wrote " + positions.size() + " spots as shapes " + id + " (" + seconds(System.nanoTime() - started)
                    + ")");
            return;
        }
        String id = ids.next("CC-");
        Path element = writes.plan(SampleStore.Group.POINTS, id);
        java.util.Iterator<Transcript> points = new java.util.Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < positions.size();
            }

            @Override
            public Transcript next() {
                int at = i++;
                return new Transcript(CELL_CENTRE_FEATURE, positions.x()[at], positions.y()[at], Double.NaN,
                        positions.ids().get(at));
            }
        };
        steps.call("Writing the cell centres", element.toString(), () -> new PointsWriter(PointsWriter.Options
                .defaults().withMpp(micronsPerUnit).withCoordinateUnit(unit)).write(element, points));
        writes.written(SampleStore.Group.POINTS, SpatialAttrs.CELL_CENTERS_ELEMENT.value(), id,
                writes.uniqueName(SampleStore.Group.POINTS, base + " - Cell centers"));
        steps.log("Wrote " + positions.size() + " cell centres as points " + id + " ("
                + seconds(System.nanoTime() - started) + ")");
    }

    /** The feature of every point of a cell-centres element (one part, the SDK reads its points by feature). */
    static final String CELL_CENTRE_FEATURE = "cell";

    private void writeImage(ImageInfo image, boolean protein, StoreWrites writes, Steps steps, String name)
            throws Exception {
        String id = ids.next("IM-");
        Path element = writes.plan(SampleStore.Group.IMAGES, id);
        ObjectNode attrs = Json.object();
        ArrayNode channels = attrs.putArray(SpatialAttrs.CHANNELS_KEY.value());
        for (String channel : image.channels()) {
            channels.addObject().put(SpatialAttrs.CHANNEL_LABEL.value(), channel);
        }
        ObjectNode info = attrs.putObject("spatialx_image");
        info.put("source", image.source());
        info.put("format", image.format());
        info.put("width", image.width());
        info.put("height", image.height());
        if (image.micronsPerPixel().isPresent()) {
            info.put("mpp", image.micronsPerPixel().getAsDouble());
            attrs.put("mpp", image.micronsPerPixel().getAsDouble());
        }
        info.put("pixels", "not converted: the local server registers the image's metadata only");
        Path temporary = AtomicFiles.temporarySibling(element);
        try {
            ZarrGroup.create(temporary, attrs);
            AtomicFiles.move(temporary, element, false);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temporary, e);
            throw e;
        }
        writes.written(SampleStore.Group.IMAGES, protein ? SpatialAttrs.PROTEIN_IMAGES_ELEMENT.value()
                : SpatialAttrs.IMAGES_ELEMENT.value(), id, writes.uniqueName(SampleStore.Group.IMAGES, name));
        steps.log("Registered the image " + image.source() + " as " + id + ": " + image.format() + ", "
                + image.width() + " x " + image.height() + " px, " + image.channels().size() + " channel(s) "
                + image.channels() + (image.micronsPerPixel().isPresent() ? ", " + image.micronsPerPixel().getAsDouble()
                + " µm per pixel" : ""));
    }

    private void combine(Submission s, StoreWrites writes, Steps steps) throws Exception {
        String paths = s.arg(SubmissionElementKeys.REFERENCE_ANNDATA_PATHS.value()).orElseThrow(() ->
                new IllegalArgumentException("A combined data set needs the reference_anndata_paths argument"));
        List<CombinedTables.Reference> references = CombinedTables.references(paths);
        String action = s.arg(SubmissionElementKeys.METADATA_ACTION.value()).orElse("ignore");
        CombinedTables combined = steps.call("Reading the " + references.size() + " tables to combine",
                references.toString(), () -> CombinedTables.read(s.dataPath(), references, action));
        steps.log("  " + combined.matrix().cellCount() + " cells x " + combined.matrix().geneCount() + " genes from "
                + references.size() + " tables (metadata_action=" + action + ")");
        s.arg(SubmissionElementKeys.INCLUDED_IMAGES.value()).ifPresent(i -> steps.log("  included_images " + i
                + " stay in their samples' stores"));
        List<TableEntry> entries = new ArrayList<>(AnnDataWriter.cellQc(combined.matrix()));
        if (combined.positions() != null) {
            entries.add(AnnDataWriter.spatial(AnnDataWriter.SPATIAL_CELL_CENTERS, combined.positions().x(),
                    combined.positions().y()));
        }
        entries.addAll(combined.entries());
        writeTable(combined.matrix(), entries, writes, steps, s.title());
    }

    private static String axisUnit(String unit) {
        return unit.equals("um") ? "micrometer" : "pixel";
    }

    // ---------------------------------------------------------------------------- registering

    /** Inserts the element rows and marks the data ready, in one transaction. */
    private int registerRows(Submission s, Map<String, Path> pairs, StoreWrites writes) {
        return database.write(c -> {
            int n = 0;
            for (StoreWrites.Written w : writes.elements()) {
                insertElement(c, s, w.id(), w.kind(), w.name(), writes.store().path(w.group(), w.id()).toString());
                n++;
            }
            for (Map.Entry<String, Path> pair : received) {
                String kind = RECEIVED_KINDS.get(pair.getKey());
                if (kind != null) {
                    insertElement(c, s, ids.next(), kind, pair.getValue().getFileName().toString(),
                            pair.getValue().toString());
                    n++;
                }
            }
            // an H&E alignment is a file the server keeps as it is (protocol 5.12 images_alignment)
            Path alignment = pairs.get(SubmissionElementKeys.ALIGNMENT.value());
            if (alignment != null) {
                insertElement(c, s, ids.next("AL-"), SpatialAttrs.IMAGES_ALIGNMENT_ELEMENT.value(),
                        alignment.getFileName().toString(), alignment.toString());
                n++;
            }
            Sql.update(c, "UPDATE submissions SET state = ?, updated_at = ? WHERE submit_id = ?",
                    SubmissionState.RECEIVED.stored(), now(), submitId);
            Sql.update(c, "UPDATE data SET enable_status = ?, percent = 100, updated_at = ? WHERE data_id = ?"
                    + " AND enable_status < ?", EnableStatus.READY_TO_USE.value(), now(), s.dataId(),
                    EnableStatus.DELETED.value());
            catalog.refreshSubmitResult(c, s.dataId(), now());
            settleStatuses(c, s.studyId(), s.sampleId(), now());
            return n;
        });
    }

    private void insertElement(Connection c, Submission s, String id, String kind, String name, String path)
            throws SQLException {
        Sql.update(c, "INSERT INTO elements(element_id, data_id, submit_id, kind, name, path, created_at)"
                + " VALUES (?,?,?,?,?,?,?)", id, s.dataId(), submitId, kind, name, path, now());
    }

    private static String describe(StoreWrites writes) {
        List<String> parts = new ArrayList<>();
        for (StoreWrites.Written w : writes.elements()) {
            parts.add(w.kind() + " '" + w.name() + "' (" + w.id() + ")");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** Sample and study leave "processing" once none of their data is processing. */
    public static void settleStatuses(Connection c, String studyId, String sampleId, long now) throws SQLException {
        int processing = EnableStatus.PROCESSING.value();
        if (Sql.count(c, "SELECT COUNT(*) FROM data WHERE sample_id = ? AND enable_status = ?", sampleId,
                processing) == 0) {
            Sql.update(c, "UPDATE samples SET enable_status = ?, updated_at = ? WHERE sample_id = ?"
                    + " AND enable_status = ?", EnableStatus.READY_TO_USE.value(), now, sampleId, processing);
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM data WHERE study_id = ? AND enable_status = ?", studyId,
                processing) == 0) {
            Sql.update(c, "UPDATE studies SET status = ?, updated_at = ? WHERE study_id = ? AND status = ?",
                    StudyStatus.SUCCESS_STATUS.value(), now, studyId, StudyStatus.PROCESSING_STATUS.value());
        }
    }

    private static List<KeyValue> keyValues(String text) throws IOException {
        return text == null || text.isBlank() ? List.of() : List.of(JSON.readValue(text, KeyValue[].class));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** The job's steps: each logged with its source, timed, and failing with a message naming the file. */
    private final class Steps {
        private final JobContext context;
        private final String dataId;
        private final long started = System.nanoTime();
        private int percent = -1;

        Steps(JobContext context, String dataId) {
            this.context = context;
            this.dataId = dataId;
        }

        void log(String line) {
            context.log(line);
        }

        /** Runs one step; a failure becomes "what: source: why". */
        <T> T call(String what, String source, java.util.concurrent.Callable<T> step) throws Exception {
            if (context.cancelled()) {
                throw new InterruptedException("the server is stopping");
            }
            boolean reading = what.startsWith("Reading");
            long begun = System.nanoTime();
            if (reading) {
                log(what + ": " + source);
            }
            try {
                T result = step.call();
                if (reading) {
                    log("  done in " + seconds(System.nanoTime() - begun));
                }
                return result;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | OutOfMemoryError e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new IngestionException(what + " failed: " + source + ": " + why, e);
            }
        }

        /** Sets the data record's percent (never backwards). */
        void percent(int value) {
            if (value <= percent) {
                return;
            }
            percent = value;
            database.write(c -> Sql.update(c, "UPDATE data SET percent = ?, updated_at = ? WHERE data_id = ?"
                    + " AND enable_status = ?", value, now(), dataId, EnableStatus.PROCESSING.value()));
        }

        boolean cancelled() {
            return context.cancelled();
        }

        String total() {
            return seconds(System.nanoTime() - started);
        }
    }
}
