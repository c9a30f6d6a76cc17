package org.spatialx.server.upload;

import java.nio.file.Path;

/**
 * Where a file of an upload goes: the {@code folder_name} and {@code name} the client sent, and the
 * path they resolve to (checked to be inside a mount; relative folders are in the upload area).
 *
 * @param folderName the folder as the client sent it ("" for the upload area itself)
 * @param name       the file's base name
 * @param path       its final path
 */
record UploadTarget(String folderName, String name, Path path) {

    /** A plain file name: no directories, not {@code .} or {@code ..}. */
    static String fileName(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.indexOf('\0') >= 0) {
            throw UploadException.invalid("Invalid file name '" + raw + "': send the file's base name (no folders, "
                    + "not '..'); put folders in folder_name.");
        }
        return name;
    }
}
