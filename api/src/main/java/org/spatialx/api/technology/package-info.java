/**
 * The technology SPI: how an instrument's output folder is recognised and turned into the
 * {@link org.spatialx.api.SampleData} of a submission (the notebook's {@code parse_data_information}).
 *
 * <p>A {@link org.spatialx.api.technology.Technology} is a PF4J extension point that declares its
 * logical {@link org.spatialx.api.technology.Element}s, each with ordered
 * {@link org.spatialx.api.technology.Alternative}s. Detection runs over a
 * {@link org.spatialx.api.technology.StorageView} (a local folder or a server listing) and yields a
 * {@link org.spatialx.api.technology.DetectionReport} per technology. Implementations of
 * {@link org.spatialx.api.detection.SampleDataDetector} are found with {@link java.util.ServiceLoader}.
 */
package org.spatialx.api.technology;
