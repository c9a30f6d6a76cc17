package org.spatialx.technologies.matrix;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one-dimensional HDF5 datasets as Java arrays whatever their stored type (int32, uint32, float, strings). */
final class Hdf5Arrays {

    private Hdf5Arrays() {
    }

    static Dataset dataset(HdfFile hdf, Path file, String path) {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " has no dataset " + path + " (is it the right kind of .h5?)", e);
        }
        if (!(node instanceof Dataset dataset)) {
            throw new IllegalArgumentException(file + ": " + path + " is a group, not a dataset");
        }
        return dataset;
    }

    static boolean exists(HdfFile hdf, String path) {
        try {
            hdf.getByPath(path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static int[] ints(HdfFile hdf, Path file, String path) {
        Object data = dataset(hdf, file, path).getData();
        if (data instanceof int[] direct) {
            return direct;
        }
        if (data instanceof long[] wide) {
            int[] out = new int[wide.length];
            for (int i = 0; i < wide.length; i++) {
                if (wide[i] > Integer.MAX_VALUE || wide[i] < Integer.MIN_VALUE) {
                    throw new IllegalArgumentException(file + ": " + path + " value " + wide[i] + " exceeds the int range");
                }
                out[i] = (int) wide[i];
            }
            return out;
        }
        int length = Array.getLength(data);
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            long value = ((Number) Array.get(data, i)).longValue();
            if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
                throw new IllegalArgumentException(file + ": " + path + " value " + value + " exceeds the int range");
            }
            out[i] = (int) value;
        }
        return out;
    }

    static double[] doubles(HdfFile hdf, Path file, String path) {
        Object data = dataset(hdf, file, path).getData();
        if (data instanceof double[] d) {
            return d;
        }
        if (data instanceof int[] ints) {
            double[] out = new double[ints.length];
            for (int i = 0; i < ints.length; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        if (data instanceof float[] floats) {
            double[] out = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                out[i] = floats[i];
            }
            return out;
        }
        int length = Array.getLength(data);
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return out;
    }

    static List<String> strings(HdfFile hdf, Path file, String path) {
        Object data = dataset(hdf, file, path).getData();
        int length = Array.getLength(data);
        List<String> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            Object value = Array.get(data, i);
            out.add(value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(value));
        }
        return out;
    }
}
