package org.spatialx.shell.binding;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.spatialx.api.TranscriptsSubmission;
import org.spatialx.api.WireEnum;

/**
 * Every protocol enum of {@code org.spatialx.api} (each {@link WireEnum}), found on the class path,
 * by the name scripts import it under. {@code TrasncriptsSubmission}, the notebook's misspelling,
 * is an alias of {@link TranscriptsSubmission}.
 */
public final class ApiEnums {

    /** The notebook's spelling of {@link TranscriptsSubmission} (protocol 5.7), kept as an alias. */
    public static final String MISSPELLED_TRANSCRIPTS = "TrasncriptsSubmission";

    private ApiEnums() {
    }

    /** Enum classes by script name, sorted, aliases included. */
    public static Map<String, Class<? extends Enum<?>>> byName() {
        Map<String, Class<? extends Enum<?>>> found = new TreeMap<>();
        for (Class<? extends Enum<?>> type : scan()) {
            found.put(type.getSimpleName(), type);
        }
        found.put(MISSPELLED_TRANSCRIPTS, TranscriptsSubmission.class);
        return found;
    }

    /** Members of {@code type} with their wire values, in declaration order. */
    public static Map<String, Object> members(Class<? extends Enum<?>> type) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (Enum<?> member : type.getEnumConstants()) {
            members.put(member.name(), ((WireEnum) member).value());
        }
        return members;
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Enum<?>>> scan() {
        String packagePath = WireEnum.class.getPackageName().replace('.', '/');
        List<Class<? extends Enum<?>>> types = new ArrayList<>();
        try {
            Path location = Path.of(WireEnum.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                 Stream<Path> files = Files.list((jar == null ? location : jar.getPath("/")).resolve(packagePath))) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".class") || name.contains("$")) {
                        continue;
                    }
                    Class<?> type = Class.forName(WireEnum.class.getPackageName() + "." + name.substring(0, name.length() - 6),
                            false, WireEnum.class.getClassLoader());
                    if (type.isEnum() && WireEnum.class.isAssignableFrom(type)) {
                        types.add((Class<? extends Enum<?>>) type);
                    }
                }
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot list the enums of " + WireEnum.class.getPackageName(), e);
        }
        return types;
    }
}
