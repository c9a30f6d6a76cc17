/** {@code analysis.prediction}: cell type prediction from a reference and spot deconvolution (run on SpatialX). */
package org.spatialx.analysis.prediction;
