package org.spatialx.formats.spatialdata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.zarr.AtomicFiles;
import org.spatialx.formats.zarr.Json;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;

/**
 * Writes transcripts as a spatialdata points element partitioned by gene, the layout protocol 7.4
 * reads: {@code points.parquet/part.{i}.parquet} holds the transcripts of the i-th gene (columns
 * {@code x}, {@code y}, {@code z} when the input has heights, {@code gene}, {@code cell_id}), and the
 * element's {@code .zattrs} has {@code divisions}, {@code gene_to_partition} (gene to part number,
 * in part order), {@code coordinateTransformations} and {@code mpp} when known.
 *
 * <p>Memory stays bounded whatever the number of transcripts: they are buffered {@link
 * Options#spillRows} at a time, each buffer sorted by gene and spilled to a run file; then each gene's
 * blocks are copied from every run into its part, one row group at a time. The element is written in
 * a hidden folder beside its destination and renamed into place at the end: a failure (of the input
 * or of the disk) leaves nothing at the destination.
 */
public final class PointsWriter {

    /**
     * How to write.
     *
     * @param mpp             microns per unit of x and y, recorded as the {@code mpp} attribute; null when unknown
     * @param spillRows       transcripts buffered before a run is spilled (bounds memory: about 60 bytes each)
     * @param rowGroupRows    rows per Parquet row group (bounds memory while writing a part)
     * @param coordinateUnit  unit named on the axes ({@code micrometer}, {@code pixel}...)
     */
    public record Options(Double mpp, int spillRows, int rowGroupRows, String coordinateUnit) {
        /** Checks the sizes. */
        public Options {
            if (spillRows <= 0 || rowGroupRows <= 0) {
                throw new IllegalArgumentException("spillRows and rowGroupRows must be positive");
            }
            Objects.requireNonNull(coordinateUnit, "coordinateUnit");
        }

        /** One million transcripts per run and per row group, no mpp, unit {@code micrometer}. */
        public static Options defaults() {
            return new Options(null, 1_000_000, 1_000_000, "micrometer");
        }

        /** These options with {@code mpp}. */
        public Options withMpp(Double value) {
            return new Options(value, spillRows, rowGroupRows, coordinateUnit);
        }

        /** These options with another spill buffer size. */
        public Options withSpillRows(int value) {
            return new Options(mpp, value, rowGroupRows, coordinateUnit);
        }

        /** These options with another unit. */
        public Options withCoordinateUnit(String value) {
            return new Options(mpp, spillRows, rowGroupRows, value);
        }
    }

    /** What was written. */
    public record Summary(long transcripts, List<String> genes, boolean hasZ) {
    }

    private final Options options;

    /** A writer with {@code options}. */
    public PointsWriter(Options options) {
        this.options = options;
    }

    /**
     * Writes {@code transcripts} as the points element folder {@code element} (which must not exist).
     * Parts are numbered in gene-name order.
     */
    public Summary write(Path element, Iterator<Transcript> transcripts) {
        if (Files.exists(element)) {
            throw new ZarrException("Points element " + element + " already exists");
        }
        Path temporary = AtomicFiles.temporarySibling(element);
        try {
            Files.createDirectories(temporary);
            Spill spill = new Spill(temporary.resolve(".runs"), options.spillRows());
            while (transcripts.hasNext()) {
                spill.add(transcripts.next());
            }
            spill.finish();
            Summary summary = writeParts(temporary, spill);
            AtomicFiles.deleteTree(temporary.resolve(".runs"));
            AtomicFiles.move(temporary, element, false);
            return summary;
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temporary, e);
            if (e instanceof IOException io) {
                throw new ZarrException("Cannot write the points " + element + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private Summary writeParts(Path element, Spill spill) throws IOException {
        List<String> genes = new ArrayList<>(spill.genes.keySet());
        genes.sort(null);
        Path parquet = element.resolve("points.parquet");
        Files.createDirectories(parquet);
        List<ParquetFileWriter.ColumnSpec> columns = new ArrayList<>();
        columns.add(new ParquetFileWriter.ColumnSpec("x", ParquetFileWriter.Kind.DOUBLE));
        columns.add(new ParquetFileWriter.ColumnSpec("y", ParquetFileWriter.Kind.DOUBLE));
        if (spill.hasZ) {
            columns.add(new ParquetFileWriter.ColumnSpec("z", ParquetFileWriter.Kind.DOUBLE));
        }
        columns.add(new ParquetFileWriter.ColumnSpec("gene", ParquetFileWriter.Kind.DICTIONARY_STRING));
        columns.add(new ParquetFileWriter.ColumnSpec("cell_id", ParquetFileWriter.Kind.STRING));
        int geneColumn = spill.hasZ ? 3 : 2;

        List<Long> divisions = new ArrayList<>();
        Map<String, Integer> geneToPartition = new LinkedHashMap<>();
        long start = 0;
        List<FileChannel> runs = new ArrayList<>();
        RunReader reader = new RunReader();
        try {
            for (Path run : spill.runFiles) {
                runs.add(FileChannel.open(run, StandardOpenOption.READ));
            }
            for (int part = 0; part < genes.size(); part++) {
                String gene = genes.get(part);
                int geneCode = spill.genes.get(gene);
                long count = spill.counts.get(geneCode);
                Path file = parquet.resolve("part." + part + ".parquet");
                try (ParquetFileWriter writer = new ParquetFileWriter(file, columns, options.rowGroupRows(),
                        Map.of("pandas", pandasMetadata(start, start + count, spill.hasZ)))) {
                    for (int r = 0; r < runs.size(); r++) {
                        long[] block = spill.blocks.get(r).get(geneCode);
                        if (block == null) {
                            continue;
                        }
                        RunReader records = reader.at(runs.get(r), block[0]);
                        for (long k = 0; k < block[1]; k++) {
                            records.need(Spill.RECORD_BYTES);
                            writer.set(0, records.buffer.getDouble());
                            writer.set(1, records.buffer.getDouble());
                            double z = records.buffer.getDouble();
                            if (spill.hasZ) {
                                writer.set(2, z);
                            }
                            writer.set(geneColumn, gene);
                            int length = records.buffer.getShort() & 0xFFFF;
                            records.need(length);
                            writer.setUtf8(geneColumn + 1, records.buffer.array(), records.buffer.position(), length);
                            records.buffer.position(records.buffer.position() + length);
                            writer.endRow();
                        }
                    }
                }
                divisions.add(start);
                geneToPartition.put(gene, part);
                start += count;
            }
        } finally {
            for (FileChannel run : runs) {
                run.close();
            }
        }
        // dask divisions: the first index of each part, then the last index of the last part
        divisions.add(Math.max(0, start - 1));
        if (genes.isEmpty()) {
            divisions.clear();
        }
        ZarrGroup.create(element, attributes(divisions, geneToPartition, spill.hasZ));
        return new Summary(start, genes, spill.hasZ);
    }

    private ObjectNode attributes(List<Long> divisions, Map<String, Integer> geneToPartition, boolean hasZ) {
        List<String> axes = hasZ ? List.of("x", "y", "z") : List.of("x", "y");
        ObjectNode attrs = Json.object();
        attrs.put("encoding-type", "ngff:points");
        attrs.set("axes", Json.of(axes));
        attrs.set("coordinateTransformations", SpatialDataAttributes.identity(axes, options.coordinateUnit()));
        ObjectNode spatialdata = attrs.putObject("spatialdata_attrs");
        spatialdata.put("version", "0.1");
        spatialdata.put("feature_key", "gene");
        spatialdata.put("instance_key", "cell_id");
        attrs.set("divisions", Json.of(divisions));
        attrs.set("gene_to_partition", Json.of(geneToPartition));
        if (options.mpp() != null) {
            attrs.put("mpp", options.mpp());
        }
        return attrs;
    }

    /** pandas' metadata as pyarrow writes it: a RangeIndex continuing across parts (so divisions hold). */
    private static String pandasMetadata(long start, long stop, boolean hasZ) {
        ObjectNode pandas = Json.object();
        ArrayNode index = pandas.putArray("index_columns");
        ObjectNode range = index.addObject();
        range.put("kind", "range");
        range.putNull("name");
        range.put("start", start);
        range.put("stop", stop);
        range.put("step", 1);
        ObjectNode columnIndex = pandas.putArray("column_indexes").addObject();
        columnIndex.putNull("name");
        columnIndex.putNull("field_name");
        columnIndex.put("pandas_type", "unicode");
        columnIndex.put("numpy_type", "object");
        columnIndex.putObject("metadata").put("encoding", "UTF-8");
        ArrayNode columns = pandas.putArray("columns");
        List<String> numeric = hasZ ? List.of("x", "y", "z") : List.of("x", "y");
        for (String name : numeric) {
            column(columns, name, "float64", "float64");
        }
        column(columns, "gene", "unicode", "object");
        column(columns, "cell_id", "unicode", "object");
        ObjectNode creator = pandas.putObject("creator");
        creator.put("library", "spatialx-formats");
        creator.put("version", "0.1");
        pandas.put("pandas_version", "1.5.3");
        return new String(Json.bytes(pandas), StandardCharsets.UTF_8);
    }

    private static void column(ArrayNode columns, String name, String pandasType, String numpyType) {
        ObjectNode column = columns.addObject();
        column.put("name", name);
        column.put("field_name", name);
        column.put("pandas_type", pandasType);
        column.put("numpy_type", numpyType);
        column.putNull("metadata");
    }

    /** Reads run files forward from a block's offset through one reused buffer. */
    private static final class RunReader {
        final ByteBuffer buffer = ByteBuffer.allocate(Spill.IO_BUFFER);
        FileChannel channel;
        long position;

        /** Starts reading {@code channel} at {@code position} (the buffer is reused from block to block). */
        RunReader at(FileChannel run, long offset) {
            this.channel = run;
            this.position = offset;
            buffer.clear().limit(0);
            return this;
        }

        /** Makes at least {@code bytes} bytes available in the buffer. */
        void need(int bytes) throws IOException {
            if (buffer.remaining() >= bytes) {
                return;
            }
            buffer.compact();
            while (buffer.position() < bytes) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException("Spill run ends early at " + position);
                }
                position += read;
            }
            buffer.flip();
        }
    }

    /** Buffers transcripts and spills them, sorted by gene, to run files with a per-gene block index. */
    private static final class Spill {
        /** Bytes written to or read from a run file at a time. */
        static final int IO_BUFFER = 1 << 20;
        /** x, y, z as doubles and the cell id's length: the fixed part of a spilled record. */
        static final int RECORD_BYTES = 3 * 8 + 2;
        final Path dir;
        final int capacity;
        final Map<String, Integer> genes = new HashMap<>();
        final List<Long> counts = new ArrayList<>();
        final List<Path> runFiles = new ArrayList<>();
        final List<Map<Integer, long[]>> blocks = new ArrayList<>();
        boolean hasZ;
        int size;
        int[] gene;
        double[] x;
        double[] y;
        double[] z;
        byte[][] cell;

        Spill(Path dir, int capacity) throws IOException {
            this.dir = dir;
            this.capacity = capacity;
            Files.createDirectories(dir);
            int initial = Math.min(capacity, 1 << 16);
            gene = new int[initial];
            x = new double[initial];
            y = new double[initial];
            z = new double[initial];
            cell = new byte[initial][];
        }

        void add(Transcript t) throws IOException {
            Objects.requireNonNull(t.gene(), "transcript gene");
            if (size == gene.length) {
                int n = Math.min(capacity, gene.length * 2);
                gene = Arrays.copyOf(gene, n);
                x = Arrays.copyOf(x, n);
                y = Arrays.copyOf(y, n);
                z = Arrays.copyOf(z, n);
                cell = Arrays.copyOf(cell, n);
            }
            Integer code = genes.get(t.gene());
            if (code == null) {
                code = genes.size();
                genes.put(t.gene(), code);
                counts.add(0L);
            }
            counts.set(code, counts.get(code) + 1);
            gene[size] = code;
            x[size] = t.x();
            y[size] = t.y();
            z[size] = t.z();
            hasZ |= !Double.isNaN(t.z());
            byte[] id = (t.cellId() == null ? "" : t.cellId()).getBytes(StandardCharsets.UTF_8);
            if (id.length > 0xFFFF) {
                throw new IllegalArgumentException("Cell id of " + id.length + " bytes: at most 65535");
            }
            cell[size] = id;
            if (++size == capacity) {
                spill();
            }
        }

        void finish() throws IOException {
            if (size > 0) {
                spill();
            }
            gene = null;
            x = null;
            y = null;
            z = null;
            cell = null;
        }

        private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            buffer.clear();
        }

        /** Counting-sorts the buffer by gene code and writes it as one run with its block index. */
        private void spill() throws IOException {
            int codes = genes.size();
            int[] start = new int[codes + 1];
            for (int i = 0; i < size; i++) {
                start[gene[i] + 1]++;
            }
            for (int g = 0; g < codes; g++) {
                start[g + 1] += start[g];
            }
            int[] order = new int[size];
            int[] next = Arrays.copyOf(start, codes);
            for (int i = 0; i < size; i++) {
                order[next[gene[i]]++] = i;
            }
            Path run = dir.resolve("run-" + runFiles.size());
            Map<Integer, long[]> index = new HashMap<>();
            long offset = 0;
            ByteBuffer buffer = ByteBuffer.allocate(IO_BUFFER);
            try (FileChannel out = FileChannel.open(run, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int g = 0; g < codes; g++) {
                    if (start[g + 1] == start[g]) {
                        continue;
                    }
                    index.put(g, new long[] {offset, start[g + 1] - start[g]});
                    for (int k = start[g]; k < start[g + 1]; k++) {
                        int i = order[k];
                        if (buffer.remaining() < RECORD_BYTES + cell[i].length) {
                            drain(buffer, out);
                        }
                        buffer.putDouble(x[i]).putDouble(y[i]).putDouble(z[i]).putShort((short) cell[i].length)
                                .put(cell[i]);
                        offset += RECORD_BYTES + cell[i].length;
                    }
                }
                drain(buffer, out);
            }
            runFiles.add(run);
            blocks.add(index);
            Arrays.fill(cell, 0, size, null);
            size = 0;
        }
    }
}
