package org.spatialx.api.technology;

/**
 * The detection of one sample folder of a multi-sample folder ({@code parse_multiple_samples_information}).
 *
 * @param folder the sub-folder's name
 * @param result its detection
 */
public record SampleDetection(String folder, DetectionResult result) {
}
