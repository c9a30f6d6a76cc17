package org.spatialx.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import org.spatialx.api.NotebookName;
import org.spatialx.api.StudyRecord;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.print.TextForm;
import org.spatialx.core.study.Study;

/**
 * What {@code list_study} returns (protocol 8.2), the Python SDK's {@code Studies} table: one page
 * of studies. {@code format_print} shows the table of protocol 10 (also when empty, 11.20 F);
 * indexing it by position or study id opens a {@link Study} (requests: {@code study/detail}, then
 * {@code sample/detail} per sample); {@link #rows()} are the {@code study/list} rows as sent.
 */
public final class Studies implements TextForm, Iterable<Study> {

    private static final String[] HEADER = {"", "Study ID", "Title", "Total Sample", "Total Data"};

    private final List<StudyRecord> rows;
    private final Function<StudyRecord, Study> opener;

    /** A table of {@code rows} that opens a {@link Study} with {@code opener}. */
    public Studies(List<StudyRecord> rows, Function<StudyRecord, Study> opener) {
        this.rows = List.copyOf(rows);
        this.opener = opener;
    }

    /** A table to print only: indexing it fails, as it has no connector to open studies with. */
    public Studies(List<StudyRecord> rows) {
        this(rows, row -> {
            throw new IllegalStateException("This Studies table was built without a connector; "
                    + "use connector.listStudy(...) to open its studies.");
        });
    }

    /** The {@code study/list} rows, in server order. */
    public List<StudyRecord> rows() {
        return rows;
    }

    /** The row at {@code index}. */
    public StudyRecord row(int index) {
        return rows.get(index);
    }

    /** {@code len(studies)}: the number of rows. */
    @NotebookName("__len__")
    public int size() {
        return rows.size();
    }

    /** True when the page has no study. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The study with this id on this page, if any, as its row. */
    public Optional<StudyRecord> byId(String studyId) {
        return rows.stream().filter(row -> studyId.equals(row.studyId())).findFirst();
    }

    /**
     * {@code studies[index]}: opens the study at {@code index} ({@code -1} is the last).
     *
     * @throws IndexOutOfBoundsException naming the number of rows
     */
    public Study get(int index) {
        int position = index < 0 ? rows.size() + index : index;
        if (position < 0 || position >= rows.size()) {
            throw new IndexOutOfBoundsException("The table has " + rows.size() + " stud" + (rows.size() == 1 ? "y" : "ies")
                    + "; index " + index + " is out of range");
        }
        return opener.apply(rows.get(position));
    }

    /**
     * {@code studies["ST-..."]}: opens the study with this id.
     *
     * @throws NoSuchElementException when no row of this page has it
     */
    public Study get(String studyId) {
        return opener.apply(byId(studyId).orElseThrow(() -> new NoSuchElementException("No study '" + studyId
                + "' on this page of " + rows.size() + " studies; list_study(..., offset=...) lists others.")));
    }

    /** {@code studies[key]}: {@link #get(int)} for a whole number, {@link #get(String)} for a study id. */
    @NotebookName("__getitem__")
    public Study item(Object key) {
        return key instanceof Number index ? get(index.intValue()) : get(String.valueOf(key));
    }

    /** {@code studies.head(n=5)}: the first {@code n} rows, as a table. */
    @NotebookName("head")
    public Studies head(RowCount options) {
        return new Studies(rows.subList(0, Math.min(options.n(), rows.size())), opener);
    }

    /** {@code studies.tail(n=5)}: the last {@code n} rows, as a table. */
    @NotebookName("tail")
    public Studies tail(RowCount options) {
        return new Studies(rows.subList(Math.max(0, rows.size() - options.n()), rows.size()), opener);
    }

    /**
     * How many rows {@code head} and {@code tail} keep.
     *
     * @param n the number of rows (at least 0)
     */
    public record RowCount(int n) {

        /** Refuses a negative count. */
        public RowCount {
            if (n < 0) {
                throw new IllegalArgumentException("n must be 0 or more, got " + n);
            }
        }

        /** The default, 5 rows (pandas' {@code head()}). */
        public static RowCount defaults() {
            return new RowCount(5);
        }
    }

    /** Opens every study in turn (each opening sends its requests). */
    @Override
    public Iterator<Study> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows.size();
            }

            @Override
            public Study next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return get(next++);
            }
        };
    }

    /**
     * The table: header cells {@code ""}, {@code Study ID}, {@code Title}, {@code Total Sample},
     * {@code Total Data}; cells joined by {@code " │ "} and ended by {@code " │"}; a {@code ─}
     * separator joined by {@code ─┼─} and ended by {@code ─┤}; the last two columns right-aligned.
     */
    @NotebookName("__repr__")
    @Override
    public String textForm() {
        List<String[]> table = new ArrayList<>();
        table.add(HEADER);
        for (int i = 0; i < rows.size(); i++) {
            StudyRecord row = rows.get(i);
            table.add(new String[] {Integer.toString(i), FormatPrint.scalar(row.studyId()),
                FormatPrint.scalar(row.title()), FormatPrint.scalar(row.totalSample()),
                FormatPrint.scalar(row.totalData())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] cells : table) {
            for (int c = 0; c < cells.length; c++) {
                widths[c] = Math.max(widths[c], width(cells[c]));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(table.get(0), widths));
        StringBuilder separator = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            separator.append(c == 0 ? "" : "─┼─").append("─".repeat(widths[c]));
        }
        lines.add(separator.append("─┤").toString());
        for (String[] cells : table.subList(1, table.size())) {
            lines.add(line(cells, widths));
        }
        return String.join("\n", lines);
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String padding = " ".repeat(widths[c] - width(cells[c]));
            out.append(c == 0 ? "" : " │ ").append(c >= 3 ? padding + cells[c] : cells[c] + padding);
        }
        return out.append(" │").toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The table text. */
    @Override
    public String toString() {
        return textForm();
    }
}
