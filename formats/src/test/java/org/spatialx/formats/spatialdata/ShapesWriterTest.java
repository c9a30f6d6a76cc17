package org.spatialx.formats.spatialdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.api.data.CellPositions;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.testing.Python;
import org.spatialx.formats.zarr.ZarrException;

class ShapesWriterTest {

    @TempDir
    Path dir;

    static List<CellPolygon> xeniumCells() {
        return ExampleData.xeniumBoundaries(ExampleData.bundled(
                "xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_boundaries.parquet"));
    }

    @Test
    void writesRealCellBoundariesThatReadBackPerCell() {
        List<CellPolygon> cells = xeniumCells();
        assertTrue(cells.size() > 100, cells.size() + " cells");
        Path element = dir.resolve("shapes/SH-1");
        long written = new ShapesWriter("micrometer", 0.2125).writePolygons(element, cells.iterator());
        assertEquals(cells.size(), written);

        ShapesReader read = ShapesReader.open(element);
        assertEquals("POLYGON", read.geometry());
        assertEquals(cells.stream().map(CellPolygon::cellId).toList(), read.ids());
        for (CellPolygon cell : List.of(cells.get(0), cells.get(cells.size() / 2), cells.get(cells.size() - 1))) {
            assertEquals(cell, read.polygon(cell.cellId()), "Xenium polygons are closed and read back as written");
        }
        List<CellPolygon> all = new ArrayList<>();
        read.forEach(all::add);
        assertEquals(cells, all);
        ZarrException missing = assertThrows(ZarrException.class, () -> read.polygon("no-such-cell"));
        assertTrue(missing.getMessage().contains("No shape 'no-such-cell'"), missing.getMessage());
    }

    @Test
    void closesOpenRingsAsShapelyStoresThem() {
        CellPolygon open = new CellPolygon("1_7", new double[] {0, 4, 4}, new double[] {0, 0, 3});
        Path element = dir.resolve("s");
        new ShapesWriter("pixel", null).writePolygons(element, List.of(open).iterator());
        assertEquals(new CellPolygon("1_7", new double[] {0, 4, 4, 0}, new double[] {0, 0, 3, 0}),
                ShapesReader.open(element).polygon("1_7"));
    }

    @Test
    void writesSpotsAsCircles() {
        CellPositions spots = new CellPositions(List.of("AAAC-1", "AAAG-1"), new double[] {10, 20},
                new double[] {30, 40}, "px");
        Path element = dir.resolve("spots");
        new ShapesWriter("pixel", 4.5).writeCircles(element, spots, new double[] {27.5});
        ShapesReader read = ShapesReader.open(element);
        assertEquals("POINT", read.geometry());
        assertEquals(spots.ids(), read.ids());
        assertArrayEquals(new double[] {27.5, 27.5}, read.radius());
        assertArrayEquals(new double[] {10, 30, 20, 40}, read.centres());
    }

    @Test
    void aBadPolygonMidStreamLeavesNothing() {
        List<CellPolygon> cells = new ArrayList<>(xeniumCells().subList(0, 50));
        cells.add(new CellPolygon("broken", new double[] {1, 2}, new double[] {1, 2}));
        Path element = dir.resolve("shapes/SH-2");
        Iterator<CellPolygon> it = cells.iterator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShapesWriter("micrometer", null).writePolygons(element, it));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        assertFalse(Files.exists(element));
        assertEquals(0, dir.resolve("shapes").toFile().list().length, "no temporary folder left");
    }

    @Test
    void shapelyRebuildsTheCellsFromTheRaggedArraysAsSpatialdataDoes() throws Exception {
        Python.assumeModules("zarr", "shapely");
        List<CellPolygon> cells = xeniumCells();
        Path element = dir.resolve("shapes/SH-1");
        new ShapesWriter("micrometer", null).writePolygons(element, cells.iterator());
        JsonNode read = new ObjectMapper().readTree(Python.run("""
                import sys, json, zarr, numpy as np, shapely
                g = zarr.open_group(sys.argv[1], mode="r")
                geos = g.attrs["spatialdata_attrs"]["geos"]
                typ = shapely.GeometryType(geos["geometry_type"])
                offsets = [g[f"offset{i}"][:] for i in range(2)]
                shapes = shapely.from_ragged_array(typ, g["coords"][:], offsets)
                print(json.dumps({"type": typ.name, "n": len(shapes), "valid": int(shapely.is_valid(shapes).sum()),
                                  "area0": shapely.area(shapes[0]), "first": list(shapes[0].exterior.coords)[:3]}))
                """, element.toString()));
        assertEquals("POLYGON", read.get("type").asText());
        assertEquals(cells.size(), read.get("n").asInt());
        CellPolygon first = cells.get(0);
        double area = 0;
        for (int i = 0; i + 1 < first.size(); i++) {
            area += first.x()[i] * first.y()[i + 1] - first.x()[i + 1] * first.y()[i];
        }
        assertEquals(Math.abs(area) / 2, read.get("area0").asDouble(), 1e-6);
        assertEquals(first.x()[1], read.get("first").get(1).get(0).asDouble(), 0.0);
    }

    @Test
    void zarrPythonReadsTheRaggedArraysAsSpatialdataDoes() throws Exception {
        Python.assumeModules("zarr", "numpy");
        List<CellPolygon> cells = xeniumCells();
        Path element = dir.resolve("shapes/SH-1");
        new ShapesWriter("micrometer", 0.2125).writePolygons(element, cells.iterator());
        String script = """
                import sys, json, zarr, numpy as np
                g = zarr.open_group(sys.argv[1], mode="r")
                a = g.attrs.asdict()
                coords, rings, polys, index = g["coords"][:], g["offset0"][:], g["offset1"][:], g["Index"][:]
                # spatialdata 0.1 read_shapes: geometry type from attrs, shapely.from_ragged_array(coords, offsets)
                first = coords[rings[polys[0]]:rings[polys[0] + 1]]
                last = coords[rings[polys[-2]]:rings[polys[-2] + 1]]
                print(json.dumps({"geos": a["spatialdata_attrs"]["geos"], "version": a["spatialdata_attrs"]["version"],
                    "mpp": a["mpp"], "n": len(index), "first_id": index[0], "first": first.ravel().tolist(),
                    "last": last.ravel().tolist(), "offset_dtype": str(rings.dtype), "coords_shape": list(coords.shape)}))
                """;
        JsonNode read = new ObjectMapper().readTree(Python.run(script, element.toString()));
        assertEquals("POLYGON", read.get("geos").get("geometry_name").asText());
        assertEquals(3, read.get("geos").get("geometry_type").asInt());
        assertEquals("0.1", read.get("version").asText());
        assertEquals(0.2125, read.get("mpp").asDouble());
        assertEquals(cells.size(), read.get("n").asInt());
        assertEquals(cells.get(0).cellId(), read.get("first_id").asText());
        assertEquals("int64", read.get("offset_dtype").asText());
        CellPolygon first = cells.get(0);
        CellPolygon last = cells.get(cells.size() - 1);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.x()[i], read.get("first").get(2 * i).asDouble(), 0.0);
            assertEquals(first.y()[i], read.get("first").get(2 * i + 1).asDouble(), 0.0);
        }
        assertEquals(2 * last.size(), read.get("last").size());
        assertEquals(2, read.get("coords_shape").get(1).asInt());
    }
}
