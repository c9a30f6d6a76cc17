/** How analyses read expression: the {@code normalize_method} normalisations. */
package org.spatialx.analysis.expression;
