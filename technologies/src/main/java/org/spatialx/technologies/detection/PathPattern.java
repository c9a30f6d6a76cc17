package org.spatialx.technologies.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.spatialx.api.technology.Alternative;
import org.spatialx.api.technology.EntryKind;
import org.spatialx.api.technology.StorageEntry;

/** An {@link Alternative}'s pattern compiled to one regular expression per path segment. */
final class PathPattern {

    /** One entry that matched: its path relative to the data folder. */
    record Match(String relativePath, EntryKind kind, long size) {
    }

    private final List<Predicate<String>> segments;
    private final List<String> literals;
    private final List<Boolean> showHidden;
    private final EntryKind kind;

    PathPattern(String pattern, boolean regex, EntryKind kind) {
        this.kind = kind;
        this.segments = new ArrayList<>();
        this.literals = new ArrayList<>();
        this.showHidden = new ArrayList<>();
        for (String segment : pattern.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            boolean literal = !regex && segment.chars().noneMatch(c -> c == '*' || c == '?' || c == '{');
            segments.add(literal ? null : matcher(segment, regex));
            literals.add(literal ? segment : null);
            showHidden.add(segment.startsWith("."));
        }
    }

    /** Every entry under {@code dataPath} matching this pattern, in name order. */
    List<Match> find(CachingStorageView storage, String dataPath) {
        List<Match> matches = new ArrayList<>();
        walk(storage, dataPath, "", 0, matches);
        return matches;
    }

    private void walk(CachingStorageView storage, String folder, String relative, int depth, List<Match> matches) {
        CachingStorageView.Listing listing = storage.listing(folder);
        String literal = literals.get(depth);
        List<StorageEntry> entries;
        if (literal != null) {
            StorageEntry entry = listing.byName().get(literal);
            entries = entry == null ? List.of() : List.of(entry);
        } else {
            entries = listing.sorted();
        }
        boolean last = depth == segments.size() - 1;
        for (StorageEntry entry : entries) {
            if (literal == null && entry.name().startsWith(".") && !showHidden.get(depth)) {
                continue;
            }
            if (literal == null && !segments.get(depth).test(entry.name())) {
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

    /**
     * A matcher for one segment. Globs made of literal text and {@code *} only (nearly all of them)
     * are matched by prefix, suffix and ordered parts: a regex starting with {@code .*} backtracks
     * on every name, which dominates detection in folders of thousands of files.
     */
    static Predicate<String> matcher(String segment, boolean regex) {
        if (!regex && segment.chars().noneMatch(c -> c == '?' || c == '{' || c == '}')) {
            String[] parts = segment.split("\\*", -1);
            String first = parts[0];
            String last = parts[parts.length - 1];
            int minLength = segment.length() - (parts.length - 1);
            return name -> {
                if (name.length() < minLength || !name.startsWith(first) || !name.endsWith(last)) {
                    return false;
                }
                int at = first.length();
                int end = name.length() - last.length();
                for (int i = 1; i < parts.length - 1; i++) {
                    int found = name.indexOf(parts[i], at);
                    if (found < 0 || found + parts[i].length() > end) {
                        return false;
                    }
                    at = found + parts[i].length();
                }
                return true;
            };
        }
        Pattern pattern = Pattern.compile(regex ? segment : globToRegex(segment));
        return name -> pattern.matcher(name).matches();
    }

    /** Glob of one segment: {@code *} any run, {@code ?} one character, {@code {a,b}} either. */
    static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean inGroup = false;
        for (char c : glob.toCharArray()) {
            boolean special = c == '*' || c == '?' || c == '{' || c == '}' || (c == ',' && inGroup);
            if (!special) {
                literal.append(c);
                continue;
            }
            if (!literal.isEmpty()) {
                out.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
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
                default -> out.append('|');
            }
        }
        if (!literal.isEmpty()) {
            out.append(Pattern.quote(literal.toString()));
        }
        return out.toString();
    }
}
