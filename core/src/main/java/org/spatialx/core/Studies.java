package org.spatialx.core;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spatialx.api.StudyRecord;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.print.TextForm;

/**
 * What {@code list_study} returns (protocol 8.2): the studies of one page, indexable by position
 * ({@code studies.get(0)}) with each row indexable by wire name
 * ({@code studies.get(0).get("study_id")}, protocol 11.27 F). Its text form, used by
 * {@code format_print}, is the table of protocol 10 (and works for an empty list, 11.20 F).
 */
public final class Studies extends AbstractList<StudyRecord> implements TextForm {

    private static final String[] HEADER = {"", "Study ID", "Title", "Total Sample", "Total Data"};

    private final List<StudyRecord> rows;

    /** The studies in server order. */
    public Studies(List<StudyRecord> rows) {
        this.rows = List.copyOf(rows);
    }

    @Override
    public StudyRecord get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** The study with this id on this page, if any. */
    public Optional<StudyRecord> byId(String studyId) {
        return rows.stream().filter(row -> studyId.equals(row.studyId())).findFirst();
    }

    /**
     * The table: header cells {@code ""}, {@code Study ID}, {@code Title}, {@code Total Sample},
     * {@code Total Data}; cells joined by {@code " │ "} and ended by {@code " │"}; a {@code ─}
     * separator joined by {@code ─┼─} and ended by {@code ─┤}; the last two columns right-aligned.
     */
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
