package org.spatialx.server.storage;

import java.nio.file.Path;

/**
 * A named local folder the server may read and write: the user's folders under the home
 * ({@code Upload}, {@code Submitted}, {@code Converted}, {@code shared}) or one added with
 * {@code --mount name=/path}.
 *
 * @param name     display name (what {@code connector.folders} shows)
 * @param root     absolute, real path of the folder (the server path clients use)
 * @param external true for {@code --mount} folders (listed by {@code mount/external_listing})
 */
public record Mount(String name, Path root, boolean external) {
}
