package org.spatialx.server.study;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.spatialx.api.StudyInfo;

/**
 * What {@code study/list} answers (protocol 2.1 #7): a page of studies, how many match in all,
 * and the paging the request asked for. Each row is the whole study object of {@code study/detail}.
 *
 * @param list   the studies of this page, newest first
 * @param total  how many studies match the filter
 * @param limit  the page size asked for
 * @param offset the position of the first row
 */
@JsonPropertyOrder({"list", "total", "limit", "offset"})
public record StudyPage(@JsonProperty("list") List<StudyInfo> list, @JsonProperty("total") long total,
                        @JsonProperty("limit") long limit, @JsonProperty("offset") long offset) {
}
