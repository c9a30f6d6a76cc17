package org.spatialx.formats.spatialdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.api.data.CellPositions;
import org.spatialx.formats.zarr.AtomicFiles;
import org.spatialx.formats.zarr.Compression;
import org.spatialx.formats.zarr.DataType;
import org.spatialx.formats.zarr.FileWriter;
import org.spatialx.formats.zarr.Json;
import org.spatialx.formats.zarr.ZarrArrayWriter;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;

/**
 * Writes shapes elements in the spatialdata shapes v0.1 encoding (protocol 7.4): cell or nucleus
 * boundaries as polygons ({@code coords}, {@code offset0} ring starts, {@code offset1} polygon
 * starts, {@code Index} cell ids) or spots as circles ({@code coords}, {@code radius}, {@code Index}).
 * Polygons stream from an iterator straight into chunked arrays, so memory does not grow with the
 * number of cells; rings are closed (the first vertex repeated) as shapely stores them. The element
 * is written beside its destination and renamed into place; a failure leaves nothing.
 */
public final class ShapesWriter {

    private static final int POLYGON = 3;
    private static final int POINT = 1;

    private final String coordinateUnit;
    private final Double mpp;

    /** A writer naming {@code coordinateUnit} on the axes and recording {@code mpp} (null when unknown). */
    public ShapesWriter(String coordinateUnit, Double mpp) {
        this.coordinateUnit = coordinateUnit;
        this.mpp = mpp;
    }

    /** Writes one polygon per cell; returns the number of cells written. */
    public long writePolygons(Path element, Iterator<CellPolygon> polygons) {
        return atomically(element, temporary -> {
            ZarrArrayWriter coords = ZarrArrayWriter.twoDimensional(temporary.resolve("coords"), DataType.FLOAT64,
                    ZarrArrayWriter.rowsPerChunk(2), 2, Compression.ZLIB, FileWriter.DEFAULT);
            ZarrArrayWriter rings = offsets(temporary.resolve("offset0"));
            ZarrArrayWriter cells = offsets(temporary.resolve("offset1"));
            ZarrArrayWriter index = ZarrArrayWriter.oneDimensional(temporary.resolve("Index"), DataType.STRING,
                    ZarrArrayWriter.DEFAULT_CHUNK, Compression.ZLIB, FileWriter.DEFAULT);
            long vertices = 0;
            long count = 0;
            double[] row = new double[2];
            rings.appendLong(0);
            cells.appendLong(0);
            while (polygons.hasNext()) {
                CellPolygon polygon = polygons.next();
                if (polygon.size() < 3) {
                    throw new IllegalArgumentException("Polygon of " + polygon.cellId() + " has " + polygon.size()
                            + " vertices; a polygon needs at least 3");
                }
                double[] x = polygon.x();
                double[] y = polygon.y();
                for (int i = 0; i < x.length; i++) {
                    row[0] = x[i];
                    row[1] = y[i];
                    coords.appendDoubles(row, 0, 2);
                }
                vertices += x.length;
                if (x[0] != x[x.length - 1] || y[0] != y[y.length - 1]) {
                    row[0] = x[0];
                    row[1] = y[0];
                    coords.appendDoubles(row, 0, 2);
                    vertices++;
                }
                count++;
                rings.appendLong(vertices);
                cells.appendLong(count);
                index.appendStrings(List.of(polygon.cellId()));
            }
            coords.finish(Json.object());
            rings.finish(Json.object());
            cells.finish(Json.object());
            index.finish(Json.object());
            ZarrGroup.create(temporary, attributes("POLYGON", POLYGON));
            return count;
        });
    }

    /** Writes spots as circles of the given radii (one per spot, or one for all). */
    public long writeCircles(Path element, CellPositions spots, double[] radius) {
        if (radius.length != 1 && radius.length != spots.size()) {
            throw new IllegalArgumentException(spots.size() + " spots but " + radius.length + " radii");
        }
        return atomically(element, temporary -> {
            ZarrArrayWriter coords = ZarrArrayWriter.twoDimensional(temporary.resolve("coords"), DataType.FLOAT64,
                    ZarrArrayWriter.rowsPerChunk(2), 2, Compression.ZLIB, FileWriter.DEFAULT);
            ZarrArrayWriter radii = ZarrArrayWriter.oneDimensional(temporary.resolve("radius"), DataType.FLOAT64,
                    ZarrArrayWriter.DEFAULT_CHUNK, Compression.ZLIB, FileWriter.DEFAULT);
            double[] row = new double[2];
            for (int i = 0; i < spots.size(); i++) {
                row[0] = spots.x()[i];
                row[1] = spots.y()[i];
                coords.appendDoubles(row, 0, 2);
                radii.appendDoubles(radius, radius.length == 1 ? 0 : i, 1);
            }
            ZarrArrayWriter index = ZarrArrayWriter.oneDimensional(temporary.resolve("Index"), DataType.STRING,
                    ZarrArrayWriter.DEFAULT_CHUNK, Compression.ZLIB, FileWriter.DEFAULT);
            index.appendStrings(spots.ids());
            coords.finish(Json.object());
            radii.finish(Json.object());
            index.finish(Json.object());
            ZarrGroup.create(temporary, attributes("POINT", POINT));
            return (long) spots.size();
        });
    }

    private static ZarrArrayWriter offsets(Path dir) throws IOException {
        return ZarrArrayWriter.oneDimensional(dir, DataType.INT64, ZarrArrayWriter.DEFAULT_CHUNK, Compression.ZLIB,
                FileWriter.DEFAULT);
    }

    private ObjectNode attributes(String geometryName, int geometryType) {
        ObjectNode attrs = Json.object();
        attrs.put("encoding-type", "ngff:shapes");
        attrs.set("axes", Json.of(List.of("x", "y")));
        attrs.set("coordinateTransformations", SpatialDataAttributes.identity(List.of("x", "y"), coordinateUnit));
        ObjectNode spatialdata = attrs.putObject("spatialdata_attrs");
        ObjectNode geos = spatialdata.putObject("geos");
        geos.put("geometry_name", geometryName);
        geos.put("geometry_type", geometryType);
        spatialdata.put("version", "0.1");
        if (mpp != null) {
            attrs.put("mpp", mpp);
        }
        return attrs;
    }

    private interface Body {
        long write(Path temporary) throws IOException;
    }

    private static long atomically(Path element, Body body) {
        if (Files.exists(element)) {
            throw new ZarrException("Shapes element " + element + " already exists");
        }
        Path temporary = AtomicFiles.temporarySibling(element);
        try {
            Files.createDirectories(temporary);
            long count = body.write(temporary);
            AtomicFiles.move(temporary, element, false);
            return count;
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temporary, e);
            if (e instanceof IOException io) {
                throw new ZarrException("Cannot write the shapes " + element + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }
}
