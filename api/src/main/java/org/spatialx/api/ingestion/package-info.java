/**
 * The reading side of a technology: how the local server turns a submitted data set into a table,
 * points, shapes and images. A {@link org.spatialx.api.technology.Technology} answers a
 * {@link DataReader} from {@code reader()}; the server does the rest (quality control, the store's
 * layout, progress, atomic writes, registration).
 */
package org.spatialx.api.ingestion;
