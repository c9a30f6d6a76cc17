package org.spatialx.core.study;

import java.util.List;
import java.util.Objects;
import org.spatialx.api.NotebookName;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleRecord;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.print.TextForm;
import org.spatialx.core.study.StudyEndpoints.Level;

/**
 * A sample of a {@link Study} as the notebook's {@code Sample} object (protocol 8.3), read from
 * {@code sample/detail}: its {@link Data} sets by position or id ({@code sample[0]},
 * {@code sample["DA-..."]}), the fields of its record ({@code sample["sample_id"]}), {@code rename}
 * and {@code delete} (after {@code Yes}).
 */
public final class Sample implements TextForm {

    private final StudyEndpoints endpoints;
    private final SampleDetail detail;
    private final List<Data> data;

    Sample(StudyEndpoints endpoints, SampleDetail detail) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.data = detail.sampleData().stream().map(record -> new Data(endpoints, record)).toList();
    }

    /** The {@code sample/detail} answer this object was read from. */
    public SampleDetail detail() {
        return detail;
    }

    /** The sample record; empty fields when the server sent no {@code sample}. */
    public SampleRecord record() {
        return detail.sample() == null ? new SampleRecord(null, null, null, null, java.util.Map.of()) : detail.sample();
    }

    /** The sample id ({@code SP-...}). */
    public String sampleId() {
        return record().sampleId();
    }

    /** The sample's name. */
    public String title() {
        return record().title();
    }

    /** Its data sets, in the server's order. */
    public List<Data> data() {
        return data;
    }

    /** {@code len(sample)}: the number of data sets. */
    @NotebookName("__len__")
    public int size() {
        return data.size();
    }

    /**
     * {@code sample[key]}: the data set at a position ({@code sample[0]}, {@code sample[-1]}), a field of
     * the sample record ({@code sample["sample_id"]}) or the data set with that id.
     *
     * @throws IndexOutOfBoundsException        for a position past the end
     * @throws java.util.NoSuchElementException naming the fields and data ids otherwise
     */
    @NotebookName("__getitem__")
    public Object item(Object key) {
        return NotebookItems.item(key, describe(), java.util.Collections.singletonList(detail.sample()), data,
                Data::dataId, "data set");
    }

    /** {@code Sample.rename(new_name)}: {@code sample/rename}; the server's answer. This object keeps its old title. */
    @NotebookName("rename")
    public Object rename(String newName) {
        return endpoints.rename(Level.SAMPLE, sampleId(), newName);
    }

    /**
     * {@code Sample.delete()}: asks for {@code Yes} (the connector's {@code Confirmation}), then
     * {@code sample/delete}; the server's answer, or null when the user did not confirm.
     */
    @NotebookName("delete")
    public Object delete() {
        return endpoints.deleteConfirmed("sample " + describe() + " and its data",
                () -> endpoints.delete(Level.SAMPLE, sampleId()));
    }

    private String describe() {
        return "'" + title() + "' (" + sampleId() + ")";
    }

    /** {@code title (SP-...)}, then one line per data set. */
    @NotebookName("__repr__")
    @Override
    public String textForm() {
        StringBuilder text = new StringBuilder(title() + " (" + sampleId() + ")");
        for (int i = 0; i < data.size(); i++) {
            text.append('\n').append(FormatPrint.TAB).append(i).append(": ").append(data.get(i).textForm());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return textForm();
    }
}
