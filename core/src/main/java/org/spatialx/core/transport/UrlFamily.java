package org.spatialx.core.transport;

/** The three URL families under a SpatialX domain (protocol 1.1). */
public enum UrlFamily {
    /** {@code {domain}/openapi/...}: accounts, files, studies, samples, data, uploads, analyses. */
    OPENAPI("openapi/"),
    /** {@code {domain}/pyapi/v1/...}: server-side parsing, element and metadata operations. */
    PYAPI("pyapi/v1/"),
    /** {@code {domain}/ucc.go/...}: the static file gateway (logs, zarr stores); paths are server file paths. */
    UCC("ucc.go/");

    private final String prefix;

    UrlFamily(String prefix) {
        this.prefix = prefix;
    }

    /** The path prefix after the domain, ending with {@code /}. */
    public String prefix() {
        return prefix;
    }
}
