package org.spatialx.core.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.api.DataRecord;
import org.spatialx.api.NotebookName;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.print.TextForm;
import org.spatialx.core.study.StudyEndpoints.Level;

/**
 * A data set of a {@link Sample} as the notebook's {@code Data} object (protocol 8.4): its record
 * ({@code data["data_id"]}), {@code rename}, {@code delete} (after {@code Yes}) and
 * {@code delete_element}.
 */
public final class Data implements TextForm {

    private final StudyEndpoints endpoints;
    private final DataRecord record;

    Data(StudyEndpoints endpoints, DataRecord record) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.record = Objects.requireNonNull(record, "record");
    }

    /** The data record as {@code sample/detail} sent it. */
    public DataRecord record() {
        return record;
    }

    /** The data id ({@code DA-...}). */
    public String dataId() {
        return record.dataId();
    }

    /** The data set's name. */
    public String title() {
        return record.title();
    }

    /**
     * {@code data[field]}: a field of the data record, e.g. {@code data["data_id"]}.
     *
     * @throws java.util.NoSuchElementException naming the record's fields
     */
    @NotebookName("__getitem__")
    public Object item(Object key) {
        return NotebookItems.item(key, describe(), List.of(record), List.<Data>of(), Data::dataId, "element");
    }

    /** {@code Data.rename(new_name)}: {@code data/rename}; the server's answer. This object keeps its old title. */
    @NotebookName("rename")
    public Object rename(String newName) {
        return endpoints.rename(Level.DATA, dataId(), newName);
    }

    /**
     * {@code Data.delete()}: asks for {@code Yes} (the connector's {@code Confirmation}), then
     * {@code data/delete}; the server's answer, or null when the user did not confirm.
     */
    @NotebookName("delete")
    public Object delete() {
        return endpoints.deleteConfirmed("data " + describe(), () -> endpoints.delete(Level.DATA, dataId()));
    }

    /**
     * {@code Data.delete_element(element)}: {@code data/delete_element} of an element id (as
     * {@code get_sample_data_elements} lists them), or of a display name that names exactly one
     * element in {@code map_submit_result} (protocol 8.4).
     *
     * @throws SpatialXInvalidInputException when {@code element} names no element, or several
     */
    @NotebookName("delete_element")
    public Object deleteElement(String element) {
        return endpoints.deleteElement(dataId(), elementId(element));
    }

    private String elementId(String element) {
        List<String> ids = new ArrayList<>();
        List<String> named = new ArrayList<>();
        if (record.mapSubmitResult() != null) {
            for (Object submission : record.mapSubmitResult().values()) {
                if (!(submission instanceof Map<?, ?> kinds)) {
                    continue;
                }
                for (Object value : kinds.values()) {
                    if (value instanceof Map<?, ?> byId) {
                        byId.forEach((id, name) -> {
                            ids.add(String.valueOf(id));
                            if (element.equals(String.valueOf(name))) {
                                named.add(String.valueOf(id));
                            }
                        });
                    } else if (value != null) {
                        ids.add(String.valueOf(value));
                    }
                }
            }
        }
        if (ids.contains(element) || ids.isEmpty() && named.isEmpty()) {
            return element; // an id, or nothing to look names up in: the server decides
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new SpatialXInvalidInputException((named.isEmpty() ? "No element of " : "Several elements of ")
                + describe() + " are called '" + element + "'" + (named.isEmpty() ? "" : ": " + named)
                + "; pass one of its element ids: " + String.join(", ", ids) + ".");
    }

    private String describe() {
        return "'" + title() + "' (" + dataId() + ")";
    }

    /** {@code title (DA-..., TECHNOLOGY)}. */
    @NotebookName("__repr__")
    @Override
    public String textForm() {
        return title() + " (" + dataId() + (record.technology() == null ? "" : ", " + record.technology()) + ")";
    }

    @Override
    public String toString() {
        return textForm();
    }
}
