package org.spatialx.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of a server home: {@code token} (owner-only), {@code server.json} (url, port, pid of
 * the running server), {@code server.lock}, {@code spatialx.db}, the user's folders, {@code studies/}
 * (study data paths), {@code upload-sessions/} (hidden staging) and {@code tmp/}.
 */
public final class ServerHome {

    private final Path root;

    public ServerHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path tokenFile() {
        return root.resolve("token");
    }

    public Path serverFile() {
        return root.resolve("server.json");
    }

    public Path lockFile() {
        return root.resolve("server.lock");
    }

    public Path databaseFile() {
        return root.resolve("spatialx.db");
    }

    public Path studies() {
        return root.resolve("studies");
    }

    public Path uploadSessions() {
        return root.resolve("upload-sessions");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    /** Creates the home's folders. */
    void create() throws IOException {
        if (!Files.exists(root)) {
            // a new home holds the token and the user's data: owner-only
            Files.createDirectories(root.getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(root);
            }
        }
        Files.createDirectories(studies());
        Files.createDirectories(uploadSessions());
        Files.createDirectories(tmp());
    }

    /** Removes the temporary request parts a previous process left (upload sessions are the store's). */
    void cleanTemporaryParts() throws IOException {
        try (var parts = Files.list(tmp())) {
            for (Path p : parts.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Takes the home's lock for this process, or empty when another server (process or call) holds it. */
    Optional<FileLock> lock() throws IOException {
        FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
        }
        return Optional.ofNullable(lock);
    }

    /** The error for a home whose lock another server holds, saying which one. */
    IllegalStateException inUse() {
        return new IllegalStateException("Another SpatialX local server is already running for home " + root
                + describeRunning() + ". Use it (LocalServer.startOrReuse, or the URL in server.json) "
                + "or stop it first.");
    }

    private String describeRunning() {
        try {
            JsonNode info = new ObjectMapper().readTree(serverFile().toFile());
            return " (" + info.path("url").asText() + ", pid " + info.path("pid").asText() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The token: {@code given} when set (stored for later runs), else the stored one, else a new
     * random one. The file is written with owner-only permissions (600).
     */
    String token(String given) throws IOException {
        Path file = tokenFile();
        if (given == null && Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        String token = given != null ? given : newToken();
        writeOwnerOnly(file, token + "\n");
        return token;
    }

    /** The stored token, or null. */
    public String storedToken() {
        try {
            return Files.isRegularFile(tokenFile()) ? Files.readString(tokenFile()).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    void writeServerFile(String url, int port) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("url", url);
        info.put("port", port);
        info.put("pid", ProcessHandle.current().pid());
        info.put("home", root.toString());
        info.put("started_at", java.time.Instant.now().toString());
        writeOwnerOnly(serverFile(), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(info));
    }

    /** The content of server.json, or null. */
    JsonNode readServerFile() {
        try {
            return Files.isRegularFile(serverFile()) ? new ObjectMapper().readTree(serverFile().toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
