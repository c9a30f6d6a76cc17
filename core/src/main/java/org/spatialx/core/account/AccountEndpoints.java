package org.spatialx.core.account;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.api.ConnectorKeys;
import org.spatialx.api.Entity;
import org.spatialx.api.Group;
import org.spatialx.core.ListdirOptions;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

import static org.spatialx.core.json.SpatialXJson.describeFields;
import static org.spatialx.core.json.SpatialXJson.textOrNull;

/**
 * The account and its storage (protocol 8.1, 2.1 #5): account fields, groups, mounted folders and
 * buckets, and server folder listings. Backs {@code info}, {@code groups}, {@code folders},
 * {@code s3}, {@code external_folders}, {@code external_s3} and {@code listdir} of the connector.
 */
public final class AccountEndpoints {

    private final SpatialXTransport transport;

    /** The account endpoints of {@code transport}'s server. */
    public AccountEndpoints(SpatialXTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The five account fields of {@code account/info}, in {@link ConnectorKeys#INFORMATION_FIELDS} order. */
    public Map<String, Object> info() {
        JsonNode account = accountInfo();
        Map<String, Object> info = new LinkedHashMap<>();
        for (String field : ConnectorKeys.INFORMATION_FIELDS) {
            if (!account.has(field)) {
                throw transport.unexpected("account/info has no '" + field + "' field (it has: "
                        + describeFields(account) + "). Check that the domain points at a SpatialX server.");
            }
            info.put(field, transport.json().plain(account.get(field)));
        }
        return info;
    }

    /** Group display name to group id: the inverted {@code default} object, then {@code groups[]} (later entries win). */
    public Map<String, String> groups() {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Group group : groupList()) {
            byName.put(group.name(), group.id());
        }
        return byName;
    }

    /** The groups of {@code account/groups}: those of {@code default} first, then {@code groups[]}. */
    public List<Group> groupList() {
        JsonNode answer = transport.callObject(ApiRequest.get(UrlFamily.OPENAPI, "account/groups").build());
        List<Group> groups = new ArrayList<>();
        answer.path("default").properties()
                .forEach(entry -> groups.add(new Group(entry.getKey(), entry.getValue().asText())));
        for (JsonNode group : answer.path("groups")) {
            groups.add(transport.read(group, Group.class, "account/groups groups[]"));
        }
        return groups;
    }

    /** A known group display name gives its id; anything else is used as an id as is (protocol 4.3). */
    public String resolveGroupId(String group) {
        Objects.requireNonNull(group, "group");
        return groups().getOrDefault(group, group);
    }

    /** Mounted folder name to server path ({@code folders} of {@code mount/external_listing}). */
    public Map<String, String> externalFolders() {
        return namePaths(externalListing().path("folders"));
    }

    /** The mounted buckets ({@code s3[]} of {@code mount/external_listing}), each {@code {id, name, path}}. */
    public List<Object> externalS3() {
        JsonNode s3 = externalListing().path("s3");
        return s3.isArray() ? asList(transport.json().plain(s3)) : List.of();
    }

    /** The default folders of {@code account/info} then the external folders; defaults win a name clash. */
    public Map<String, String> folders() {
        Map<String, String> folders = new LinkedHashMap<>(namePaths(accountInfo().path("default_mount").path("folders")));
        externalFolders().forEach(folders::putIfAbsent);
        return folders;
    }

    /**
     * Bucket name to server path from {@code default_mount.s3}, the external listing's {@code s3} and
     * the cloud settings' {@code map_settings}, with the renaming rules of protocol 8.1.
     */
    public Map<String, String> s3() {
        JsonNode account = accountInfo();
        Map<String, String> buckets = new LinkedHashMap<>();
        for (JsonNode bucket : account.path("default_mount").path("s3")) {
            addBucket(buckets, bucket, null);
        }
        for (JsonNode bucket : externalListing().path("s3")) {
            addBucket(buckets, bucket, " - External AWS");
        }
        JsonNode settings = transport.call(ApiRequest.post(UrlFamily.OPENAPI, "cloud/setting_list")
                .form("limit", 100).form("offset", 0).build());
        for (JsonNode setting : settings) {
            addBucket(buckets, setting.path("map_settings"), " - Internal AWS");
        }
        return buckets;
    }

    private static void addBucket(Map<String, String> buckets, JsonNode bucket, String suffix) {
        if (!bucket.isObject()) {
            return;
        }
        String name = textOrNull(bucket.get("name"));
        if (name == null || name.isEmpty() || buckets.containsKey(name)) {
            name = textOrNull(bucket.get("id"));
        }
        if (suffix != null && buckets.containsKey(name)) {
            name = name + suffix;
        }
        buckets.put(name, textOrNull(bucket.get("path")));
    }

    /** The children of a server folder: names, or whole {@link Entity} records with {@code getDetails}. */
    public List<?> listdir(String path, ListdirOptions options) {
        List<Entity> entities = listdirEntities(path, options.ignoreHidden());
        return options.getDetails() ? entities : entities.stream().map(Entity::name).toList();
    }

    /** The children of a server folder as records ({@code directory/entities}). */
    public List<Entity> listdirEntities(String path, boolean ignoreHidden) {
        return transport.callList(ApiRequest.post(UrlFamily.OPENAPI, "directory/entities")
                .form("path", path).form("ignore_hidden", ignoreHidden).build(), "entities", Entity.class);
    }

    private JsonNode accountInfo() {
        return transport.callObject(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build());
    }

    private JsonNode externalListing() {
        return transport.callObject(ApiRequest.get(UrlFamily.OPENAPI, "mount/external_listing").build());
    }

    private static Map<String, String> namePaths(JsonNode entries) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            paths.put(textOrNull(entry.get("name")), textOrNull(entry.get("path")));
        }
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }
}
