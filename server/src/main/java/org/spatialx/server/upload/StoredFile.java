package org.spatialx.server.upload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A file an upload stored whole: where it is (or will be, for a file of a folder upload), its size
 * and its SHA-256; as such an entry of {@code upload/folder_finish}'s {@code files}.
 *
 * @param path   its final server path
 * @param size   its size in bytes
 * @param sha256 lower-case hex SHA-256 of its bytes
 */
@JsonPropertyOrder({"path", "size", "sha256"})
record StoredFile(@JsonProperty("path") String path, @JsonProperty("size") long size,
                  @JsonProperty("sha256") String sha256) {
}
