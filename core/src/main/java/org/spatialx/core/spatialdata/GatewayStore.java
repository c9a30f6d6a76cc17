package org.spatialx.core.spatialdata;

import java.util.Optional;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;
import org.spatialx.formats.zarr.ZarrStore;

/**
 * A sample store read over the {@code ucc.go/} gateway (protocol 2.3 #39): one GET per key under
 * {@code {data_path}/spatial/{sample_id}/}, the same requests against the local server and a real
 * SpatialX. A missing key (HTTP 404) reads as absent.
 */
public final class GatewayStore implements ZarrStore {

    private final SpatialXTransport transport;
    private final String root;

    /** The store under the server path {@code root} (absolute, e.g. {@code /data/ST-1/spatial/SP-1}). */
    public GatewayStore(SpatialXTransport transport, String root) {
        this.transport = transport;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    /** The server path of the store. */
    public String root() {
        return root;
    }

    @Override
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(transport.readBytes(ApiRequest.get(UrlFamily.UCC, root + "/" + key).build()));
        } catch (SpatialXHttpException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "ucc.go" + root;
    }
}
