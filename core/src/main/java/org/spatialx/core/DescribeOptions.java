package org.spatialx.core;

/**
 * Optional arguments of {@code describe_data}.
 *
 * @param technology the technology to check the folder against; null to report which technologies match
 * @param dataName   the SampleData name (default: the folder's name)
 */
public record DescribeOptions(String technology, String dataName) {

    /** No technology (detect it), the folder's name as data name. */
    public static DescribeOptions defaults() {
        return new DescribeOptions(null, null);
    }
}
