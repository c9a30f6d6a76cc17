package org.spatialx.core.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.json.SpatialXJson;
import org.spatialx.core.print.FormatPrint;

/**
 * The {@code {status, message}} envelope of every SpatialX answer (protocol 1.5), unwrapped in
 * this one place: a body that is not JSON is text, an object with a non-zero status is refused.
 */
record Envelope(SpatialXJson json, SecretMasker masker) {

    /**
     * The payload of {@code body}: the {@code message} of a {@code status == 0} object, the whole
     * object when it has no {@code message}, and any non-object body as is (text that is not JSON
     * comes back as a text node).
     *
     * @throws SpatialXServerException when the envelope's status is not 0
     */
    JsonNode payload(ApiRequest request, URI uri, byte[] body) {
        JsonNode node = decode(new String(body, StandardCharsets.UTF_8));
        if (!node.isObject()) {
            return node;
        }
        JsonNode status = node.get("status");
        // Python tests status != 0 with a missing status read as 0; null, text and other numbers fail.
        boolean ok = status == null || status.isNumber() && status.asDouble() == 0
                || status.isBoolean() && !status.booleanValue();
        if (!ok) {
            JsonNode message = node.get("message");
            String text = request.method() + " " + uri + " was refused by SpatialX (status " + status + "):\n"
                    + FormatPrint.parseToStr(node)
                    + "\nCheck the call's arguments (ids, names, paths) against the server's message above.";
            throw new SpatialXServerException(masker.mask(text), masker.mask(uri.toString()), json.plain(status),
                    message == null ? null : json.plain(message));
        }
        return node.has("message") ? node.get("message") : node;
    }

    private JsonNode decode(String text) {
        try {
            JsonNode node = json.responseMapper().readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
