/** {@code analysis.clustering}: k-means (Louvain and Leiden live here too). */
package org.spatialx.analysis.clustering;
