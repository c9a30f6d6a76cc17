/**
 * The analysis SPI: an {@link org.spatialx.api.analysis.Analysis} is a PF4J extension point that
 * declares a kind of analysis the notebook can call ({@code connector.analysis.<group>.<name>}),
 * its wire words and params (protocol section 7), and optionally runs it locally on an
 * {@link org.spatialx.api.analysis.AnalysisInput}, returning an
 * {@link org.spatialx.api.analysis.AnalysisResult} that the host stores in the data set's table.
 */
package org.spatialx.api.analysis;
