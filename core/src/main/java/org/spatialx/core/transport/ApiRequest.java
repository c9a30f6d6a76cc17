package org.spatialx.core.transport;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of the SpatialX protocol: method, URL family, relative path, query parameters (in
 * wire order) and body. Built with {@link #get} or {@link #post}; sent by {@link SpatialXTransport}.
 *
 * @param method   {@code GET} or {@code POST}
 * @param family   the URL family of the path
 * @param path     the path relative to the family base (a leading {@code /} is ignored)
 * @param query    query parameters in order; values follow the scalar rules of protocol 1.4
 * @param body     the body; GETs and query-string POSTs carry {@link RequestBody#EMPTY_JSON}
 */
public record ApiRequest(Method method, UrlFamily family, String path, List<Map.Entry<String, Object>> query,
                         RequestBody body) {

    /** HTTP methods used by the protocol (1.3). */
    public enum Method { GET, POST }

    /** Validates and copies. */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(path, "path");
        query = List.copyOf(query);
        body = body == null ? RequestBody.EMPTY_JSON : body;
    }

    /** A GET of {@code path} under {@code family}, with the {@code {}} JSON body of protocol 11.2. */
    public static Builder get(UrlFamily family, String path) {
        return new Builder(Method.GET, family, path);
    }

    /** A POST of {@code path} under {@code family}; without a body it sends {@code {}} as JSON. */
    public static Builder post(UrlFamily family, String path) {
        return new Builder(Method.POST, family, path);
    }

    /** Builds an {@link ApiRequest}. */
    public static final class Builder {
        private final Method method;
        private final UrlFamily family;
        private final String path;
        private final List<Map.Entry<String, Object>> query = new ArrayList<>();
        private final List<Map.Entry<String, Object>> form = new ArrayList<>();
        private RequestBody body;

        private Builder(Method method, UrlFamily family, String path) {
            this.method = method;
            this.family = family;
            this.path = path;
        }

        /** Adds a query parameter (null values are omitted on the wire, lists repeat the key). */
        public Builder query(String name, Object value) {
            query.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /** Adds a form field; the body becomes form-urlencoded. */
        public Builder form(String name, Object value) {
            form.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /** Sends {@code value} as the JSON body. */
        public Builder json(Object value) {
            this.body = new RequestBody.Json(value);
            return this;
        }

        /** Sends a multipart body. */
        public Builder multipart(MultipartBody multipart) {
            this.body = multipart;
            return this;
        }

        /** The request. */
        public ApiRequest build() {
            RequestBody chosen = body;
            if (!form.isEmpty()) {
                if (chosen != null) {
                    throw new IllegalStateException("A request has either form fields or another body, not both");
                }
                chosen = new RequestBody.Form(form);
            }
            return new ApiRequest(method, family, path, query, chosen);
        }
    }
}
