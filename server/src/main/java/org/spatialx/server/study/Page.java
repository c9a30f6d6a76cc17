package org.spatialx.server.study;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A page of a listing without paging echo ({@code sample/list}, {@code study/list_public}):
 * the entries and how many there are in all.
 *
 * @param list  the entries of this page
 * @param total how many entries the listing has
 */
@JsonPropertyOrder({"list", "total"})
public record Page<T>(@JsonProperty("list") List<T> list, @JsonProperty("total") long total) {
}
