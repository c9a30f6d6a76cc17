package org.spatialx.server.account;

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
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.storage.Mount;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.study.Groups;

/**
 * Account and storage endpoints: {@code account/info}, {@code account/groups},
 * {@code mount/external_listing}, {@code cloud/setting_list} and {@code directory/entities}
 * (protocol 2.1 #1-5), shaped so {@code connector.info/groups/folders/s3/listdir} work.
 */
public final class AccountApi {

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

    public void register(ApiServer server) {
        server.get("openapi/account/info", r -> info());
        server.get("openapi/account/groups", r -> groups());
        server.get("openapi/mount/external_listing", r -> externalListing());
        server.post("openapi/cloud/setting_list", this::settingList);
        server.post("openapi/directory/entities", this::entities);
    }

    private Map<String, Object> info() {
        String user = System.getProperty("user.name", "user");
        Map<String, Object> defaultMount = new LinkedHashMap<>();
        defaultMount.put("folders", folders(false));
        defaultMount.put("s3", List.of());
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("openapi", url + "openapi/");
        routing.put("pyapi", url + "pyapi/v1/");
        routing.put("ucc", url + "ucc.go/");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("email", user + "@localhost");
        info.put("sub_dir", user);
        info.put("name", user);
        info.put("app_base_url", url);
        info.put("routing_table", routing);
        info.put("default_mount", defaultMount);
        info.put("capabilities", capabilities);
        info.put("server", "spatialx-local");
        return info;
    }

    private Map<String, Object> groups() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(groups.personalId(), Groups.PERSONAL_NAME);
        defaults.put(Groups.GLOBAL_ID, Groups.GLOBAL_NAME);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("default", defaults);
        out.put("groups", List.of());
        return out;
    }

    private Map<String, Object> externalListing() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folders", folders(true));
        out.put("s3", List.of());
        return out;
    }

    private List<Map<String, Object>> folders(boolean external) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Mount m : mounts.all()) {
            if (m.external() == external) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", m.name());
                f.put("path", m.root().toString());
                out.add(f);
            }
        }
        return out;
    }

    private Object settingList(ApiRequest request) {
        request.longValue("limit", 100);
        request.longValue("offset", 0);
        return List.of(); // no cloud (S3) settings on a local server
    }

    private Map<String, Object> entities(ApiRequest request) throws IOException {
        String clientPath = request.required("path");
        boolean ignoreHidden = request.bool("ignore_hidden", true);
        Path dir = mounts.resolveAbsolute(clientPath);
        if (!Files.isDirectory(dir)) {
            throw ApiException.notFound("'" + clientPath + "' is not a directory on this server (resolved to "
                    + dir + "). List a mounted folder: " + mounts.describe() + ".");
        }
        List<Map<String, Object>> entities = new ArrayList<>();
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
                Map<String, Object> entity = new LinkedHashMap<>();
                entity.put("name", name);
                entity.put("type", attrs.isDirectory() ? "directory" : "file");
                entity.put("path", child.toString());
                entity.put("size", attrs.isDirectory() ? 0 : attrs.size());
                entity.put("mtime", attrs.lastModifiedTime().toMillis() / 1000);
                entity.put("is_symlink", Files.isSymbolicLink(child));
                entities.add(entity);
            }
        }
        entities.sort(Comparator.comparing(e -> (String) e.get("name")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", dir.toString());
        out.put("entities", entities);
        return out;
    }
}
