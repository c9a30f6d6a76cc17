package org.spatialx.server.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive chunk indices, {@code first..last}: how received and missing chunks are stored and
 * reported, so that their size follows the gaps in an upload, not its chunk count.
 *
 * @param first the first index
 * @param last  the last index (at least {@code first})
 */
record IndexRange(long first, long last) {

    /** The runs of {@code sorted} (ascending, no duplicates). */
    static List<IndexRange> of(Iterable<Long> sorted) {
        List<IndexRange> ranges = new ArrayList<>();
        long first = -1;
        long last = -2;
        for (long index : sorted) {
            if (index != last + 1) {
                if (first >= 0) {
                    ranges.add(new IndexRange(first, last));
                }
                first = index;
            }
            last = index;
        }
        if (first >= 0) {
            ranges.add(new IndexRange(first, last));
        }
        return ranges;
    }

    /** {@code "7"} or {@code "3-5"}, as written in a staging folder's list of received chunks. */
    static IndexRange parse(String text) {
        int dash = text.indexOf('-');
        return dash < 0 ? new IndexRange(Long.parseLong(text), Long.parseLong(text))
                : new IndexRange(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
    }

    /** How many indices it holds. */
    long size() {
        return last - first + 1;
    }

    /** At most {@code shown} ranges joined by commas, then how many more there are: "1, 3-7 and 12 more ranges". */
    static String describe(List<IndexRange> ranges, int shown) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(shown, ranges.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(ranges.get(i));
        }
        if (ranges.size() > shown) {
            text.append(" and ").append(ranges.size() - shown).append(" more ranges");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + "-" + last;
    }
}
