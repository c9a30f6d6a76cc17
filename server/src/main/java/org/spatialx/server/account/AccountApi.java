package org.spatialx.server.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.Entity;
import org.spatialx.api.Group;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.storage.Mount;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.study.Groups;

/**
 * Account and storage endpoints: {@code account/info}, {@code account/groups},
 * {@code mount/external_listing}, {@code cloud/setting_list} and {@code directory/entities}
 * (protocol 2.1 #1-5), shaped so {@code connector.info/groups/folders/s3/listdir} work.
 */
public final class AccountApi implements Endpoints {

    private final Mounts mounts;
    private final Groups groups;
    private final String url;
    private final Map<String, Object> capabilities;

    public AccountApi(Mounts mounts, Groups groups, String url, Map<String, Object> capabilities) {
        this.mounts = mounts;
        this.groups = groups;
        this.url = url;
        this.capabilities = capabilities;
    }

    @Override
    public void register(ApiServer server) {
        server.get("openapi/account/info", r -> info());
        server.get("openapi/account/groups", r -> groups());
        server.get("openapi/mount/external_listing", r -> new Storage(folders(true), List.of()));
        server.post("openapi/cloud/setting_list", this::settingList);
        server.post("openapi/directory/entities", this::entities);
    }

    /** What {@code account/info} answers (protocol 2.1 #1), with this server's upload capabilities. */
    @JsonPropertyOrder({"email", "sub_dir", "name", "app_base_url", "routing_table", "default_mount", "capabilities",
            "server"})
    record AccountInfo(@JsonProperty("email") String email, @JsonProperty("sub_dir") String subDir,
                       @JsonProperty("name") String name, @JsonProperty("app_base_url") String appBaseUrl,
                       @JsonProperty("routing_table") RoutingTable routingTable,
                       @JsonProperty("default_mount") Storage defaultMount,
                       @JsonProperty("capabilities") Map<String, Object> capabilities,
                       @JsonProperty("server") String server) {
    }

    /** Where each family of endpoints is served. */
    @JsonPropertyOrder({"openapi", "pyapi", "ucc"})
    record RoutingTable(@JsonProperty("openapi") String openapi, @JsonProperty("pyapi") String pyapi,
                        @JsonProperty("ucc") String ucc) {
    }

    /** Folders and S3 buckets: {@code default_mount} of account/info, and mount/external_listing. */
    @JsonPropertyOrder({"folders", "s3"})
    record Storage(@JsonProperty("folders") List<Folder> folders, @JsonProperty("s3") List<Object> s3) {
    }

    /** A named folder and its server path. */
    @JsonPropertyOrder({"name", "path"})
    record Folder(@JsonProperty("name") String name, @JsonProperty("path") String path) {
    }

    /** What {@code account/groups} answers (protocol 8.1): the built-in groups by id, and the user's other groups. */
    @JsonPropertyOrder({"default", "groups"})
    record GroupList(@JsonProperty("default") Map<String, String> defaults,
                     @JsonProperty("groups") List<Group> groups) {
    }

    /** What {@code directory/entities} answers: the folder listed and its children by name. */
    @JsonPropertyOrder({"path", "entities"})
    record Listing(@JsonProperty("path") String path, @JsonProperty("entities") List<Entity> entities) {
    }

    private AccountInfo info() {
        String user = System.getProperty("user.name", "user");
        return new AccountInfo(user + "@localhost", user, user, url,
                new RoutingTable(url + "openapi/", url + "pyapi/v1/", url + "ucc.go/"),
                new Storage(folders(false), List.of()), capabilities, "spatialx-local");
    }

    private GroupList groups() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(groups.personalId(), Groups.PERSONAL_NAME);
        defaults.put(Groups.GLOBAL_ID, Groups.GLOBAL_NAME);
        return new GroupList(defaults, List.of());
    }

    private List<Folder> folders(boolean external) {
        List<Folder> out = new ArrayList<>();
        for (Mount m : mounts.all()) {
            if (m.external() == external) {
                out.add(new Folder(m.name(), m.root().toString()));
            }
        }
        return out;
    }

    private Object settingList(ApiRequest request) {
        request.longValue("limit", 100);
        request.longValue("offset", 0);
        return List.of(); // no cloud (S3) settings on a local server
    }

    private Listing entities(ApiRequest request) throws IOException {
        String clientPath = request.required("path");
        boolean ignoreHidden = request.bool("ignore_hidden", true);
        Path dir = mounts.resolveAbsolute(clientPath);
        if (!Files.isDirectory(dir)) {
            throw ApiException.notFound("'" + clientPath + "' is not a directory on this server (resolved to "
                    + dir + "). List a mounted folder: " + mounts.describe() + ".");
        }
        List<Entity> entities = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (ignoreHidden && name.startsWith(".")) {
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class);
                } catch (IOException e) {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("path", child.toString());
                details.put("size", attrs.isDirectory() ? 0 : attrs.size());
                details.put("mtime", attrs.lastModifiedTime().toMillis() / 1000);
                details.put("is_symlink", Files.isSymbolicLink(child));
                entities.add(new Entity(name, attrs.isDirectory() ? Entity.DIRECTORY : Entity.FILE, details));
            }
        }
        entities.sort(Comparator.comparing(Entity::name));
        return new Listing(dir.toString(), entities);
    }
}
