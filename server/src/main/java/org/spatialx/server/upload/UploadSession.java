package org.spatialx.server.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One upload session (protocol 3.4-3.5) and its folder: {@code chunks/<hash of the target>/} holds each
 * file whose chunks are arriving ({@link StagedFile}), {@code tree/} the finished files of a folder upload
 * at their place relative to the upload area, and {@code manifest.tsv} their sizes and hashes.
 *
 * @param id   the {@code unique_id} clients send
 * @param root its folder under the home's {@code upload-sessions/}
 */
record UploadSession(String id, Path root) {

    /** Where the files whose chunks are arriving are staged, one folder each. */
    Path chunks() {
        return root.resolve("chunks");
    }

    /** The staging folder of the chunks of the file going to {@code target}. */
    Path chunkFolder(Path target) {
        return chunks().resolve(sha256Hex(target.toString()));
    }

    /** Where the finished files of a folder upload wait for folder_finish. */
    Path tree() {
        return root.resolve("tree");
    }

    /** Records a finished file of a folder upload (a file sent again replaces its entry). */
    void addFile(StoredFile file) throws IOException {
        Files.writeString(manifest(), file.path() + "\t" + file.size() + "\t" + file.sha256() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The finished files of a folder upload, in the order they first arrived. */
    List<StoredFile> files() throws IOException {
        Map<String, StoredFile> files = new LinkedHashMap<>();
        if (Files.isRegularFile(manifest())) {
            for (String line : Files.readAllLines(manifest(), StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t");
                if (cols.length == 3) {
                    files.put(cols[0], new StoredFile(cols[0], Long.parseLong(cols[1]), cols[2])); // the last one wins
                }
            }
        }
        return new ArrayList<>(files.values());
    }

    private Path manifest() {
        return root.resolve("manifest.tsv");
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
