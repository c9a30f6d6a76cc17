package org.spatialx.shell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.spatialx.api.Spi;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spatialx plugins new NAME}: writes a standalone plugin project, the repository's
 * {@code plugins/technology-template} (bundled in the shell jar) renamed after the plugin: its
 * artifact and plugin id, the technology class and id, the Java package, and the spatialx-api
 * version of this installation.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Write a new plugin project NAME/ to start from: a standalone Maven project with one "
                + "technology, its test, and the PF4J zip packaging; it builds against spatialx-api alone.",
            "Get that artifact first, from the SpatialX Connector for Java checkout: ./mvnw install -pl api -am -DskipTests"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:a bad name, or the folder exists and is not empty"})
public final class NewPluginCommand implements Callable<Integer> {

    /** Where the template's files are in the shell jar. */
    static final String TEMPLATE = "plugin-template/";

    /** The template's files, relative to its folder (a test checks this against plugins/technology-template). */
    static final List<String> TEMPLATE_FILES = List.of(
            "README.md",
            "pom.xml",
            "src/main/assembly/plugin-zip.xml",
            "src/main/java/org/example/spatialx/example/ExampleTechnology.java",
            "src/main/plugin/plugin.properties",
            "src/test/java/org/example/spatialx/example/ExampleTechnologyTest.java");

    // the template's own names, replaced by the new plugin's
    private static final String TEMPLATE_PACKAGE = "org.example.spatialx.example";
    private static final String TEMPLATE_CLASS = "ExampleTechnology";
    private static final String TEMPLATE_PLUGIN_ID = "example-technology";
    private static final Pattern TEMPLATE_TECHNOLOGY_ID = Pattern.compile("\\bEXAMPLE\\b");
    private static final Pattern TEMPLATE_API_VERSION = Pattern.compile("<spatialx.version>[^<]*</spatialx.version>");
    private static final Pattern TEMPLATE_SPI = Pattern.compile("<spatialx.spi>[^<]*</spatialx.spi>");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "the plugin's id and folder name, lower case with hyphens, e.g. lab-seq")
    String name;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "the Java package (default: org.example.spatialx.<name without hyphens>)")
    String javaPackage;

    @Option(names = "--dir", paramLabel = "DIR", description = "the folder to create NAME/ in (default: the current folder)")
    Path dir = Path.of("");

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!NAME.matcher(name).matches()) {
            err.println("spatialx plugins new: '" + name + "' is not a plugin name: use lower case letters, digits"
                    + " and hyphens, starting with a letter (e.g. lab-seq)");
            return 1;
        }
        String pkg = javaPackage != null ? javaPackage : "org.example.spatialx." + name.replace("-", "");
        if (!PACKAGE.matcher(pkg).matches()) {
            err.println("spatialx plugins new: '" + pkg + "' is not a Java package name (e.g. org.mylab.spatialx)");
            return 1;
        }
        Path project = dir.toAbsolutePath().normalize().resolve(name);
        if (Files.exists(project) && !isEmptyFolder(project)) {
            err.println("spatialx plugins new: " + project + " exists and is not empty; choose another name or --dir");
            return 1;
        }
        String className = className(name);
        String technologyId = technologyId(name);
        for (String file : TEMPLATE_FILES) {
            Path target = project.resolve(file.replace(TEMPLATE_PACKAGE.replace('.', '/'), pkg.replace('.', '/'))
                    .replace(TEMPLATE_CLASS, className));
            Files.createDirectories(target.getParent());
            Files.writeString(target, renamed(template(file), pkg, className, technologyId));
        }
        out.println("Wrote " + project + ": plugin " + name + ", technology " + technologyId + " ("
                + pkg + "." + className + ").");
        out.println("Next:");
        out.println("  1. the API artifact, once, from the SpatialX Connector for Java checkout:"
                + " ./mvnw install -pl api -am -DskipTests");
        out.println("  2. declare your instrument's files in " + className + ".java, then build (JDK 21+):"
                + " cd " + project + " && mvn package");
        out.println("  3. spatialx plugins install " + project.resolve("target").resolve(name + "-0.1.0.zip")
                + " && spatialx parse --technology " + technologyId + " /path/to/a/sample");
        out.flush();
        return 0;
    }

    /** {@code lab-seq} to {@code LabSeqTechnology}. */
    static String className(String name) {
        String camel = Arrays.stream(name.split("-"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
        return camel.endsWith("Technology") ? camel : camel + "Technology";
    }

    /** {@code lab-seq} to {@code LAB_SEQ} (a trailing {@code -technology} or {@code -plugin} is dropped). */
    static String technologyId(String name) {
        String base = name.replaceAll("-(technology|plugin)$", "");
        return base.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private String renamed(String text, String pkg, String className, String technologyId) {
        String result = text.replace(TEMPLATE_PACKAGE, pkg)
                .replace(TEMPLATE_CLASS, className)
                .replace(TEMPLATE_PLUGIN_ID, name);
        result = TEMPLATE_TECHNOLOGY_ID.matcher(result).replaceAll(Matcher.quoteReplacement(technologyId));
        String apiVersion = Spi.class.getPackage().getImplementationVersion();
        if (apiVersion != null) { // run from the shell jar: the api jar of this installation
            result = TEMPLATE_API_VERSION.matcher(result)
                    .replaceAll(Matcher.quoteReplacement("<spatialx.version>" + apiVersion + "</spatialx.version>"));
        }
        return TEMPLATE_SPI.matcher(result)
                .replaceAll(Matcher.quoteReplacement("<spatialx.spi>" + Spi.VERSION + "</spatialx.spi>"));
    }

    private static String template(String file) throws IOException {
        try (InputStream in = NewPluginCommand.class.getResourceAsStream(TEMPLATE + file)) {
            if (in == null) {
                throw new IllegalStateException("The shell jar lacks the plugin template's " + file
                        + " (rebuild it: ./mvnw -DskipTests package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
