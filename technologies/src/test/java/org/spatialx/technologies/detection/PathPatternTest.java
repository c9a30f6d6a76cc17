package org.spatialx.technologies.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Segment matching: the fast glob path agrees with glob semantics, braces and regexes go through java.util.regex. */
class PathPatternTest {

    private static List<String> matching(String segment, boolean regex, String... names) {
        Predicate<String> matcher = PathPattern.matcher(segment, regex);
        return List.of(names).stream().filter(matcher).toList();
    }

    @Test
    void starGlobs() {
        assertEquals(List.of("Lung6_tx_file.csv", "_tx_file.csv"),
                matching("*_tx_file.csv", false, "Lung6_tx_file.csv", "_tx_file.csv", "Lung6_tx_file.csv.gz", "tx_file.csv"));
        assertEquals(List.of("ch0000_dapi.ome.tif"),
                matching("ch0000_*.ome.tif", false, "ch0000_dapi.ome.tif", "ch0001_dapi.ome.tif", "ch0000_.ome.ti"));
        assertEquals(List.of("aa", "aba"), matching("a*a", false, "a", "aa", "aba", "ab"));
        assertEquals(List.of("Run-DCC-files", "DCC"), matching("*DCC*", false, "Run-DCC-files", "DCC", "dcc"));
        assertEquals(List.of("x.y"), matching("x.y", false, "x.y", "xzy"));
    }

    @Test
    void bracesQuestionMarksAndRegexes() {
        assertEquals(List.of("cells.csv.gz", "cells.parquet"),
                matching("cells.{csv.gz,parquet}", false, "cells.csv.gz", "cells.parquet", "cells.csv"));
        assertEquals(List.of("z1.tif"), matching("z?.tif", false, "z1.tif", "z10.tif"));
        assertEquals(List.of("mosaic_DAPI_z0.tif"),
                matching("mosaic_.+_z\\d+\\.tif", true, "mosaic_DAPI_z0.tif", "mosaic__z0.tif", "mosaic_DAPI_z.tif"));
    }
}
