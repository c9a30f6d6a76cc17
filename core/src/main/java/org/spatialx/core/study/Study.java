package org.spatialx.core.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spatialx.api.NotebookName;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.StudyInfo;
import org.spatialx.api.StudyRecord;
import org.spatialx.api.WireRecord;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.print.TextForm;

/**
 * A study as the notebook's {@code Study} object (protocol 8.2), read like the Python SDK reads it:
 * {@code study/detail}, then {@code sample/detail} of every sample not deleted. It indexes its
 * {@link Sample}s by position or id ({@code study[0]}, {@code study["SP-..."]}) and, unlike the SDK
 * (protocol 11.27 F), also answers the fields of its {@code study/list} row and of its
 * {@code study/detail} record, so the notebook's {@code studies[0]["study_id"]} works. It
 * {@code rename}s and {@code delete}s (after {@code Yes}).
 */
public final class Study implements TextForm {

    private final StudyEndpoints endpoints;
    private final StudyRecord row;
    private final StudyDetail detail;
    private final List<Sample> samples;

    Study(StudyEndpoints endpoints, StudyRecord row, StudyDetail detail, List<Sample> samples) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.row = row;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.samples = List.copyOf(samples);
    }

    /** The {@code study/detail} answer this object was read from. */
    public StudyDetail detail() {
        return detail;
    }

    /** The {@code study/list} row it was opened from; null when opened by id. */
    public StudyRecord row() {
        return row;
    }

    /** The study id ({@code ST-...}). */
    public String studyId() {
        return info().studyId() != null ? info().studyId() : row == null ? null : row.studyId();
    }

    /** The title. */
    public String title() {
        return info().title() != null ? info().title() : row == null ? null : row.title();
    }

    /** The species wire value. */
    public String species() {
        return info().species();
    }

    /** The samples that are not deleted, each read from {@code sample/detail}, in the server's order. */
    public List<Sample> samples() {
        return samples;
    }

    private StudyInfo info() {
        return detail.study() != null ? detail.study()
                : new StudyInfo(null, null, null, null, null, null, null, null, null, null, java.util.Map.of());
    }

    /** {@code len(study)}: the number of samples. */
    @NotebookName("__len__")
    public int size() {
        return samples.size();
    }

    /**
     * {@code study[key]}: the sample at a position ({@code study[0]}, {@code study[-1]}), a field of
     * the study ({@code study["study_id"]}: its {@code study/list} row, then its {@code study/detail}
     * record) or the sample with that id.
     *
     * @throws IndexOutOfBoundsException        for a position past the end
     * @throws java.util.NoSuchElementException naming the fields and sample ids otherwise
     */
    @NotebookName("__getitem__")
    public Object item(Object key) {
        List<WireRecord> records = new ArrayList<>();
        records.add(row);
        records.add(detail.study());
        return NotebookItems.item(key, describe(), records, samples, Sample::sampleId, "sample");
    }

    /**
     * {@code Study.rename(new_name)}: reads {@code study/detail}, then sends {@code study/update} with
     * every field and the new title; the server's answer. This object keeps its old title.
     */
    @NotebookName("rename")
    public Object rename(String newName) {
        return endpoints.renameStudy(studyId(), newName);
    }

    /**
     * {@code Study.delete()}: asks for {@code Yes} (the connector's {@code Confirmation}), then
     * {@code study/stop_create_submit}; the server's answer, or null when the user did not confirm.
     */
    @NotebookName("delete")
    public Object delete() {
        return endpoints.deleteConfirmed("study " + describe() + " with its samples and data",
                () -> endpoints.deleteStudy(studyId()));
    }

    private String describe() {
        return "'" + title() + "' (" + studyId() + ")";
    }

    /** {@code title (Species: species)}, then its samples, each with its data sets. */
    @NotebookName("__repr__")
    @Override
    public String textForm() {
        StringBuilder text = new StringBuilder(title() + " (Species: " + species() + ")");
        for (int i = 0; i < samples.size(); i++) {
            String sample = i + ": " + samples.get(i).textForm();
            text.append('\n').append(FormatPrint.TAB).append(sample.replace("\n", "\n" + FormatPrint.TAB));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return textForm();
    }
}
