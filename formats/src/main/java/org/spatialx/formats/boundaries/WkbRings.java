package org.spatialx.formats.boundaries;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The exterior rings of a WKB Polygon or MultiPolygon, as GeoParquet stores MERSCOPE cell boundaries
 * (ISO and EWKB Z/M variants included). Holes are left out: a cell outline is its exterior.
 */
final class WkbRings {

    private static final int POLYGON = 3;
    private static final int MULTI_POLYGON = 6;

    private WkbRings() {
    }

    /** Each polygon's exterior ring as {@code {x[], y[]}}, in the order stored. */
    static List<double[][]> exteriorRings(byte[] wkb) {
        List<double[][]> rings = new ArrayList<>();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(wkb);
            Geometry geometry = header(buffer);
            if (geometry.type == POLYGON) {
                polygon(buffer, geometry.dimensions, rings);
            } else if (geometry.type == MULTI_POLYGON) {
                int parts = buffer.getInt();
                for (int p = 0; p < parts; p++) {
                    Geometry part = header(buffer);
                    if (part.type != POLYGON) {
                        throw new IllegalArgumentException("a MultiPolygon part of WKB type " + part.type);
                    }
                    polygon(buffer, part.dimensions, rings);
                }
            } else {
                throw new IllegalArgumentException("WKB geometry type " + geometry.type + ", not a (Multi)Polygon");
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("WKB geometry ends early (" + wkb.length + " bytes)", e);
        }
        return rings;
    }

    private record Geometry(int type, int dimensions) {
    }

    /** Reads the byte order and type; sets the buffer's order for what follows. */
    private static Geometry header(ByteBuffer buffer) {
        buffer.order(buffer.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int code = buffer.getInt();
        boolean ewkbZ = (code & 0x80000000) != 0;
        boolean ewkbM = (code & 0x40000000) != 0;
        if ((code & 0x20000000) != 0) {
            buffer.getInt(); // EWKB SRID
        }
        int iso = code & 0x0fffffff;
        int type = iso % 1000;
        int dimensions = switch (iso / 1000) {
            case 1, 2 -> 3; // Z or M
            case 3 -> 4; // ZM
            default -> 2;
        };
        dimensions += (ewkbZ ? 1 : 0) + (ewkbM ? 1 : 0);
        return new Geometry(type, dimensions);
    }

    private static void polygon(ByteBuffer buffer, int dimensions, List<double[][]> rings) {
        int ringCount = buffer.getInt();
        for (int r = 0; r < ringCount; r++) {
            int points = buffer.getInt();
            double[] x = new double[points];
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                x[i] = buffer.getDouble();
                y[i] = buffer.getDouble();
                for (int d = 2; d < dimensions; d++) {
                    buffer.getDouble();
                }
            }
            if (r == 0 && points > 0) {
                rings.add(new double[][] {x, y});
            }
        }
    }
}
