package org.spatialx.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProtocolEnumsTest {

    /** The explicit list equals what the compiled package holds: every WireEnum, nothing else. */
    @Test
    void listsEveryWireEnumOfThePackage() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(WireEnum.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(WireEnum.class.getPackageName().replace('.', '/'));
        Set<String> compiled = new TreeSet<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName(WireEnum.class.getPackageName() + "." + name.replace(".class", ""));
                    if (type.isEnum() && WireEnum.class.isAssignableFrom(type)) {
                        compiled.add(type.getSimpleName());
                    }
                }
            }
        }
        Set<String> listed = ProtocolEnums.ALL.stream().map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(compiled, listed);
        assertEquals(ProtocolEnums.ALL.size(), listed.size(), "listed twice");
        assertTrue(listed.contains("TranscriptsSubmission"));
    }
}
