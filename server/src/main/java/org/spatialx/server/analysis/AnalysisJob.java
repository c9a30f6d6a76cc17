package org.spatialx.server.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.DataFrame;
import org.spatialx.formats.anndata.Slot;
import org.spatialx.formats.anndata.TableEntry;
import org.spatialx.server.job.Job;
import org.spatialx.server.job.JobContext;
import org.spatialx.server.storage.OwnerOnly;

/**
 * One analysis on the local server: runs the kind on the data set's table with progress, cancellation
 * and a fixed seed, then adds what it returned to the table as SpatialX names it (embeddings to obsm,
 * per-cell columns to obs, per-gene ones to var, tables under uns), each entry keyed by the analysis id
 * and shown under the output name. A failure leaves the table as it was: names are checked before the
 * first write, and entries already added are taken back if a later one fails.
 */
final class AnalysisJob<P extends Record> implements Job {

    /** Progress is logged at most once per this share of the work, per stage. */
    private static final double PROGRESS_STEP = 0.1;

    private final Analysis<P> kind;
    private final P params;
    private final AnalysisInput input;
    private final Path table;
    private final String analysisId;
    private final String outputName;

    AnalysisJob(Analysis<P> kind, P params, AnalysisInput input, Path table, String analysisId, String outputName) {
        this.kind = kind;
        this.params = params;
        this.input = input;
        this.table = table;
        this.analysisId = analysisId;
        this.outputName = outputName;
    }

    @Override
    public void run(JobContext job) throws Exception {
        job.log("Analysis " + analysisId + ": " + kind.group() + "." + kind.name() + " '" + outputName + "' on data "
                + input.dataId() + " (" + String.format(Locale.ROOT, "%,d", input.cellCount()) + " cells), seed "
                + AnalysisApi.SEED);
        JobAnalysisContext context = new JobAnalysisContext(job, outputName);
        AnalysisResult result = kind.run(params, input, context);
        job.log("Writing the results into the table");
        List<TableEntry> entries = entries(result);
        checkNames(entries);
        write(entries);
        for (TableEntry entry : entries) {
            job.log("Added " + entry.slot().folder() + " '" + entry.name() + "'");
        }
        for (String line : result.summary()) {
            if (!context.logged.contains(line)) {
                job.log(line);
            }
        }
    }

    private List<TableEntry> entries(AnalysisResult result) {
        List<TableEntry> entries = new ArrayList<>();
        Map<Slot, Integer> counts = new LinkedHashMap<>();
        result.embeddings().forEach((name, matrix) -> entries.add(new TableEntry.Obsm(id(Slot.OBSM, counts), name, matrix)));
        result.obs().forEach((name, column) -> entries.add(new TableEntry.Obs(id(Slot.OBS, counts), name, column)));
        result.var().forEach((name, column) -> entries.add(new TableEntry.Var(id(Slot.VAR, counts), name, column)));
        result.tables().forEach((name, columns) -> entries.add(new TableEntry.Result(id(Slot.UNS, counts), name,
                dataFrame(columns))));
        if (entries.isEmpty()) {
            throw new AnalysisException(kind.group() + "." + kind.name() + " returned nothing to store");
        }
        return entries;
    }

    /** The analysis id for a slot's first entry, then {@code AN-...-2}, {@code -3}... */
    private String id(Slot slot, Map<Slot, Integer> counts) {
        int n = counts.merge(slot, 1, Integer::sum);
        return n == 1 ? analysisId : analysisId + "-" + n;
    }

    private static DataFrame dataFrame(Map<String, Column> columns) {
        int rows = columns.isEmpty() ? 0 : columns.values().iterator().next().size();
        List<String> index = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            index.add(Integer.toString(row));
        }
        return new DataFrame(index, columns);
    }

    private void checkNames(List<TableEntry> entries) {
        AnnDataTable current = AnnDataTable.open(table);
        for (TableEntry entry : entries) {
            if (current.elements(entry.slot()).containsKey(entry.name())) {
                throw new AnalysisException("The table already has " + describe(entry.slot()) + " named '" + entry.name()
                        + "': give this analysis another title");
            }
        }
    }

    private void write(List<TableEntry> entries) {
        AnnDataWriter writer = new AnnDataWriter();
        List<TableEntry> written = new ArrayList<>();
        try {
            for (TableEntry entry : entries) {
                writer.add(table, entry);
                written.add(entry);
            }
            restrictToOwner();
        } catch (RuntimeException e) {
            for (TableEntry entry : written) {
                try {
                    writer.remove(table, entry.slot(), entry.id());
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
    }

    /** One mode policy for everything the server writes (0600 files, 0700 folders), the new entries too. */
    private void restrictToOwner() {
        try {
            OwnerOnly.restrictTree(table);
        } catch (IOException e) {
            throw new UncheckedIOException("Restricting the table's new entries to their owner failed: " + e.getMessage(), e);
        }
    }

    private static String describe(Slot slot) {
        return switch (slot) {
            case OBSM -> "an embedding";
            case OBS -> "a metadata column";
            case VAR -> "a gene column";
            default -> "a result";
        };
    }

    /** The analysis' view of its job: the log, progress lines, cancellation, the seed and the threads. */
    private static final class JobAnalysisContext implements AnalysisContext {
        private final JobContext job;
        private final String outputName;
        /** What the analysis logged itself: its summary lines are not logged twice. */
        private final java.util.Set<String> logged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private String stage;
        private double reported = -1;

        JobAnalysisContext(JobContext job, String outputName) {
            this.job = job;
            this.outputName = outputName;
        }

        @Override
        public void log(String line) {
            logged.add(line);
            job.log(line);
        }

        @Override
        public synchronized void progress(String stage, double fraction) {
            if (!stage.equals(this.stage) || fraction >= reported + PROGRESS_STEP || fraction >= 1 && reported < 1) {
                this.stage = stage;
                reported = fraction;
                job.log(String.format(Locale.ROOT, "%s: %.0f%%", stage, 100 * Math.min(1, Math.max(0, fraction))));
            }
        }

        @Override
        public boolean cancelled() {
            return job.cancelled();
        }

        @Override
        public long seed() {
            return AnalysisApi.SEED;
        }

        @Override
        public int threads() {
            return Runtime.getRuntime().availableProcessors();
        }

        @Override
        public String outputName() {
            return outputName;
        }
    }
}
