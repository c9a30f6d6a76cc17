package org.spatialx.api.technology;

import java.util.Objects;

/**
 * One way an {@link Element} can be present: a relative path whose {@code /}-separated segments are
 * each a glob ({@code *}, {@code ?}, {@code {a,b}}) or each a regular expression, naming a file or a
 * folder. Alternatives of an element are tried in order and the first present one wins.
 *
 * @param pattern relative path pattern, e.g. {@code spatial/tissue_positions*.csv}
 * @param regex   whether the segments are regular expressions instead of globs
 * @param kind    whether the last segment must be a file or a folder
 * @param note    what this alternative means (e.g. {@code Space Ranger 1.x name}); may be empty
 */
public record Alternative(String pattern, boolean regex, EntryKind kind, String note) {

    /** Rejects empty patterns and absolute paths. */
    public Alternative {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(kind, "kind");
        note = note == null ? "" : note;
        if (pattern.isBlank() || pattern.startsWith("/")) {
            throw new IllegalArgumentException("An alternative's pattern must be a relative path: '" + pattern + "'");
        }
    }

    /** A file matched by a glob path. */
    public static Alternative file(String glob) {
        return new Alternative(glob, false, EntryKind.FILE, "");
    }

    /** A folder matched by a glob path. */
    public static Alternative folder(String glob) {
        return new Alternative(glob, false, EntryKind.FOLDER, "");
    }

    /** A file matched by a path whose segments are regular expressions. */
    public static Alternative fileRegex(String regex) {
        return new Alternative(regex, true, EntryKind.FILE, "");
    }

    /** A folder matched by a path whose segments are regular expressions. */
    public static Alternative folderRegex(String regex) {
        return new Alternative(regex, true, EntryKind.FOLDER, "");
    }

    /** A copy carrying a note shown in reports (which layout or software generation this is). */
    public Alternative withNote(String text) {
        return new Alternative(pattern, regex, kind, text);
    }

    /** The pattern as shown to users: {@code transcripts.csv.gz} or {@code CellLabels/}. */
    public String display() {
        return kind == EntryKind.FOLDER ? pattern + "/" : pattern;
    }
}
