package org.spatialx.analysis.prediction;

/**
 * The cell type predicted for one cluster.
 *
 * @param label       the predicted type ({@value MarkerScores#UNASSIGNED} when nothing fits)
 * @param score       its score: a marker z-score combination, or a correlation with a reference profile
 * @param runnerUp    the second best type, or null
 * @param runnerScore its score (NaN when none)
 * @param evidence    the markers found (marker reference) or genes compared (reference data)
 */
record Prediction(String label, double score, String runnerUp, double runnerScore, int evidence) {
}
