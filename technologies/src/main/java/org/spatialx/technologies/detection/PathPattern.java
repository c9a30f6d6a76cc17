package org.spatialx.technologies.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.spatialx.api.technology.Alternative;
import org.spatialx.api.technology.EntryKind;
import org.spatialx.api.technology.StorageEntry;
import org.spatialx.api.technology.StorageView;

/** An {@link Alternative}'s pattern compiled to one regular expression per path segment. */
final class PathPattern {

    /** One entry that matched: its path relative to the data folder. */
    record Match(String relativePath, EntryKind kind, long size) {
    }

    private final List<Pattern> segments;
    private final List<Boolean> showHidden;
    private final EntryKind kind;

    PathPattern(String pattern, boolean regex, EntryKind kind) {
        this.kind = kind;
        this.segments = new ArrayList<>();
        this.showHidden = new ArrayList<>();
        for (String segment : pattern.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            segments.add(Pattern.compile(regex ? segment : globToRegex(segment)));
            showHidden.add(segment.startsWith("."));
        }
    }

    /** Every entry under {@code dataPath} matching this pattern, in name order. */
    List<Match> find(StorageView storage, String dataPath) {
        List<Match> matches = new ArrayList<>();
        walk(storage, dataPath, "", 0, matches);
        return matches;
    }

    private void walk(StorageView storage, String folder, String relative, int depth, List<Match> matches) {
        List<StorageEntry> entries = new ArrayList<>(storage.list(folder));
        entries.sort(Comparator.comparing(StorageEntry::name));
        boolean last = depth == segments.size() - 1;
        for (StorageEntry entry : entries) {
            if (entry.name().startsWith(".") && !showHidden.get(depth)) {
                continue;
            }
            if (!segments.get(depth).matcher(entry.name()).matches()) {
                continue;
            }
            String path = relative.isEmpty() ? entry.name() : relative + "/" + entry.name();
            if (last) {
                if (entry.kind() == kind) {
                    matches.add(new Match(path, entry.kind(), entry.size()));
                }
            } else if (entry.isFolder()) {
                walk(storage, storage.join(folder, entry.name()), path, depth + 1, matches);
            }
        }
    }

    /** Glob of one segment: {@code *} any run, {@code ?} one character, {@code {a,b}} either. */
    static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        boolean inGroup = false;
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> out.append(".*");
                case '?' -> out.append('.');
                case '{' -> {
                    out.append("(?:");
                    inGroup = true;
                }
                case '}' -> {
                    out.append(')');
                    inGroup = false;
                }
                case ',' -> out.append(inGroup ? "|" : ",");
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
