package org.spatialx.formats.spatialdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.testing.Python;
import org.spatialx.formats.zarr.DirectoryStore;
import org.spatialx.formats.zarr.ZarrException;

/** A whole sample laid out as protocol 7.4 reads it: table, points and shapes, named through elements attrs. */
class SampleStoreTest {

    @TempDir
    Path dataPath;

    @Test
    void ingestsARealXeniumSampleAndListsItsElementsByName() throws Exception {
        Path xenium = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells");
        ExpressionMatrix matrix = ExampleData.tenxMatrix(xenium.resolve("cell_feature_matrix.h5"));
        SampleStore sample = SampleStore.create(dataPath, "SP-1");

        new AnnDataWriter().create(sample.path(SampleStore.Group.TABLES, "TB-1"), matrix, AnnDataWriter.cellQc(matrix));
        sample.register(SampleStore.Group.TABLES, "Expression", "TB-1");
        new PointsWriter(PointsWriter.Options.defaults().withMpp(0.2125)).write(
                sample.path(SampleStore.Group.POINTS, "PT-1"),
                ExampleData.xeniumTranscripts(xenium.resolve("transcripts.parquet")).iterator());
        sample.register(SampleStore.Group.POINTS, "Transcripts", "PT-1");
        new ShapesWriter("micrometer", 0.2125).writePolygons(sample.path(SampleStore.Group.SHAPES, "SH-1"),
                ExampleData.xeniumBoundaries(xenium.resolve("cell_boundaries.parquet")).iterator());
        sample.register(SampleStore.Group.SHAPES, "Cell segmentation", "SH-1");
        sample.register(SampleStore.Group.SHAPES, "Cell segmentation", "SH-1"); // again: no change

        assertEquals(Map.of("Expression", "TB-1"), sample.elements(SampleStore.Group.TABLES));
        assertEquals(Map.of("Transcripts", "PT-1"),
                SampleStore.elements(new DirectoryStore(sample.root()), SampleStore.Group.POINTS));
        assertEquals(matrix.cellIds(), AnnDataTable.open(sample.path(SampleStore.Group.TABLES, "TB-1")).cellIds());
        assertEquals(dataPath.resolve("spatial/SP-1/shapes/SH-1"), sample.path(SampleStore.Group.SHAPES, "SH-1"));

        new ShapesWriter("micrometer", 0.2125).writePolygons(sample.path(SampleStore.Group.SHAPES, "SH-2"),
                ExampleData.xeniumBoundaries(xenium.resolve("nucleus_boundaries.parquet")).iterator());
        ZarrException taken = assertThrows(ZarrException.class,
                () -> sample.register(SampleStore.Group.SHAPES, "Cell segmentation", "SH-2"));
        assertTrue(taken.getMessage().contains("already shows 'Cell segmentation'"), taken.getMessage());
        ZarrException missing = assertThrows(ZarrException.class,
                () -> sample.register(SampleStore.Group.POINTS, "Cell centers", "PT-9"));
        assertTrue(missing.getMessage().contains("write it before registering"), missing.getMessage());

        Python.assumeModules("zarr", "anndata");
        // the Python SDK's walk (protocol 7.4): group elements attrs, then the element by id
        JsonNode read = new ObjectMapper().readTree(Python.run("""
                import sys, json, zarr, anndata
                root = zarr.open_group(sys.argv[1] + "/spatial/SP-1", mode="r")
                tables = root["table"].attrs["elements"]
                a = anndata.read_zarr(sys.argv[1] + "/spatial/SP-1/table/" + tables["Expression"])
                points = root["points"][root["points"].attrs["elements"]["Transcripts"]].attrs.asdict()
                shapes = root["shapes"][root["shapes"].attrs["elements"]["Cell segmentation"]]
                print(json.dumps({"shape": list(a.shape), "parts": len(points["divisions"]) - 1,
                                  "genes": len(points["gene_to_partition"]), "cells": shapes["Index"].shape[0]}))
                """, dataPath.toString()));
        assertEquals(List.of(matrix.cellCount(), matrix.geneCount()),
                List.of(read.get("shape").get(0).asInt(), read.get("shape").get(1).asInt()));
        assertEquals(read.get("genes").asInt(), read.get("parts").asInt());
        assertTrue(read.get("cells").asInt() > 100);
    }
}
