package org.spatialx.core.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.spatialx.core.SpatialXUnexpectedResponseException;
import org.spatialx.core.json.SpatialXJson;

/**
 * Turns a payload into what an endpoint returns: a JSON object, a record, or an error that says
 * what the answer was and what to check. Every message is masked.
 */
record ResponseReader(SpatialXJson json, SecretMasker masker) {

    /** {@code node} when it is a JSON object; {@code what} names the call in the error. */
    JsonNode object(JsonNode node, String what) {
        if (!node.isObject()) {
            String shown = node.isTextual() ? node.asText() : node.toString();
            if (shown.length() > 200) {
                shown = shown.substring(0, 200) + "...";
            }
            throw unexpected(what + " answered " + (node.isTextual() ? "text that is not a JSON object" : "a "
                    + node.getNodeType().name().toLowerCase() + " instead of a JSON object") + ": " + shown
                    + ". Check that the domain points at a SpatialX server (the address shown on its 'SpatialX SDK' page).");
        }
        return node;
    }

    /** {@code node} read as {@code type}; {@code what} names the call in the error. */
    <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return json.read(node, type);
        } catch (JsonProcessingException e) {
            throw new SpatialXUnexpectedResponseException(masker.mask("The answer of " + what + " does not fit "
                    + type.getSimpleName() + ": " + e.getOriginalMessage()
                    + ". The server may speak another protocol version; report it with the answer text."), e);
        }
    }

    SpatialXUnexpectedResponseException unexpected(String message) {
        return new SpatialXUnexpectedResponseException(masker.mask(message));
    }
}
