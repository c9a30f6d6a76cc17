/**
 * The built-in analysis kinds ({@link org.spatialx.api.analysis.Analysis} extensions), one package per
 * notebook group ({@code embeddings}, {@code clustering}, {@code prediction}, {@code de},
 * {@code spatial}), and what they share: parameter checks, result names and a worker pool.
 */
package org.spatialx.analysis;
