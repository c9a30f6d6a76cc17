/**
 * {@code analysis.de}: differential expression between two groups of cells, possibly of two data sets
 * (Wilcoxon rank-sum and Welch's t-test as scanpy's {@code rank_genes_groups} computes them).
 */
package org.spatialx.analysis.de;
