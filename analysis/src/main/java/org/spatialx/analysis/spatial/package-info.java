/** {@code analysis.spatial_analysis}: region segmentation and neighbourhood analysis (run on SpatialX). */
package org.spatialx.analysis.spatial;
