package org.spatialx.core.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.core.SpatialXInvalidInputException;

/**
 * Where requests go: the normalised domain and its query parameters, and the URL of a request in
 * one of the three families (protocol 1.1, 11.7 F, 11.26 F).
 */
final class ServerAddress {

    private final String domain;
    private final Map<String, String> domainParameters;

    private ServerAddress(String domain, Map<String, String> domainParameters) {
        this.domain = domain;
        this.domainParameters = domainParameters;
    }

    /**
     * Parses the domain the user gave (e.g. {@code https://example.bioturing.com/spatialx/?org=lab}).
     *
     * @throws SpatialXInvalidInputException when it has no scheme or host
     */
    static ServerAddress parse(String text, SecretMasker masker) {
        URI parsed = parseDomain(text, masker);
        String domain = parsed.getScheme() + "://" + parsed.getRawAuthority()
                + (parsed.getRawPath() == null ? "" : parsed.getRawPath());
        return new ServerAddress(domain, firstValues(parsed.getRawQuery()));
    }

    private static URI parseDomain(String text, SecretMasker masker) {
        if (text == null) {
            throw new SpatialXInvalidInputException("invalid domain: None; give the SpatialX address, e.g."
                    + " https://example.bioturing.com/spatialx/");
        }
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
                throw new URISyntaxException(text, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new SpatialXInvalidInputException("invalid domain: " + masker.mask(text) + "; give the SpatialX"
                    + " address with its scheme, e.g. https://example.bioturing.com/spatialx/");
        }
    }

    private static Map<String, String> firstValues(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] keyValue = pair.split("=", 2);
                if (!pair.isEmpty()) {
                    values.putIfAbsent(decode(keyValue[0]), keyValue.length < 2 ? "" : decode(keyValue[1]));
                }
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Scheme, host and path, without query or fragment. */
    String domain() {
        return domain;
    }

    /** The query parameters of the domain, first value of each. */
    Map<String, String> domainParameters() {
        return Map.copyOf(domainParameters);
    }

    /**
     * {@code {domain}/<family>/<path>} with exactly one {@code /} after the domain, leading {@code /}
     * of the path dropped (absolute UCC paths, 11.7 F), and the query with the domain parameters
     * overriding same-named ones.
     */
    URI uri(ApiRequest request) {
        String base = domain.endsWith("/") ? domain : domain + "/";
        String path = request.path();
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        String query = WireText.urlencode(withDomainParameters(request.query()));
        return URI.create(base + request.family().prefix() + WireText.encodePath(path.substring(start))
                + (query.isEmpty() ? "" : "?" + query));
    }

    private List<Map.Entry<String, Object>> withDomainParameters(List<Map.Entry<String, Object>> query) {
        List<Map.Entry<String, Object>> merged = new ArrayList<>(query);
        for (Map.Entry<String, String> parameter : domainParameters.entrySet()) {
            boolean replaced = false;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).getKey().equals(parameter.getKey())) {
                    if (replaced) {
                        merged.remove(i--);
                    } else {
                        merged.set(i, Map.entry(parameter.getKey(), parameter.getValue()));
                        replaced = true;
                    }
                }
            }
            if (!replaced) {
                merged.add(Map.entry(parameter.getKey(), parameter.getValue()));
            }
        }
        return merged;
    }
}
