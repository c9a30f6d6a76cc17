package org.spatialx.shell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.spatialx.api.technology.Technology;
import org.spatialx.technologies.PluginProblem;
import org.spatialx.technologies.TechnologyCatalog;
import org.spatialx.shell.script.SpatialxHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code spatialx plugins list|install}: the PF4J plugins of the home folder (technologies and
 * analyses from third parties), and the technologies they add to the built-in ones.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List or install plugins (PF4J zips or jars) in the plugins folder of the SpatialX home.",
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.InstallPlugin.class})
public final class PluginsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code spatialx plugins list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the installed plugins, their extensions and every technology (built in or from a plugin).")
    static final class ListPlugins implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path folder = SpatialxHome.current().plugins();
            if (!Files.isDirectory(folder)) {
                out.println("No plugins folder yet (" + folder + "). Install a plugin with: spatialx plugins install <plugin.zip>");
            } else {
                listPlugins(folder, out);
            }
            try (TechnologyCatalog catalog = TechnologyCatalog.load(Files.isDirectory(folder) ? folder : null)) {
                out.println("Technologies:");
                for (Technology technology : catalog.technologies()) {
                    out.printf("    %-24s %s%n", technology.id(), catalog.origin(technology.id()));
                }
                for (PluginProblem problem : catalog.problems()) {
                    out.println("    skipped plugin " + problem);
                }
            }
            out.flush();
            return 0;
        }

        private static void listPlugins(Path folder, PrintWriter out) {
            PluginManager manager = new DefaultPluginManager(folder);
            manager.loadPlugins();
            manager.startPlugins();
            List<PluginWrapper> plugins = manager.getPlugins();
            if (plugins.isEmpty()) {
                out.println("No plugins in " + folder + ". Install one with: spatialx plugins install <plugin.zip>");
            }
            for (PluginWrapper plugin : plugins) {
                out.printf("%s %s  %s  [%s]%n", plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                        plugin.getDescriptor().getPluginDescription(), plugin.getPluginState());
                for (String extension : manager.getExtensionClassNames(plugin.getPluginId())) {
                    out.println("    extension " + extension);
                }
            }
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    /** {@code spatialx plugins install <zip|jar>...}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Copy plugin zips or jars into the plugins folder of the SpatialX home.")
    static final class InstallPlugin implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PLUGIN", description = "a PF4J plugin zip (with plugin.properties) or jar (with Plugin-Id in its manifest)")
        List<Path> plugins;

        @Override
        public Integer call() throws IOException {
            Path folder = SpatialxHome.current().plugins();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int status = 0;
            for (Path plugin : plugins) {
                String id;
                try {
                    id = pluginId(plugin);
                } catch (IllegalArgumentException e) {
                    err.println("spatialx plugins install: " + e.getMessage());
                    status = 1;
                    continue;
                }
                Files.createDirectories(folder);
                Path target = folder.resolve(plugin.getFileName());
                Path partial = folder.resolve(plugin.getFileName() + ".part");
                Files.copy(plugin, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.println("Installed " + id + " into " + target);
            }
            out.flush();
            err.flush();
            return status;
        }
    }

    /**
     * The PF4J plugin id of a zip ({@code plugin.properties}: {@code plugin.id}) or jar (manifest
     * {@code Plugin-Id}).
     *
     * @throws IllegalArgumentException naming the file and what is missing
     */
    static String pluginId(Path plugin) {
        if (!Files.isRegularFile(plugin)) {
            throw new IllegalArgumentException("no such file: " + plugin.toAbsolutePath());
        }
        try (ZipFile zip = new ZipFile(plugin.toFile())) {
            ZipEntry properties = zip.getEntry("plugin.properties");
            if (properties != null) {
                Properties values = new Properties();
                try (InputStream in = zip.getInputStream(properties)) {
                    values.load(in);
                }
                String id = values.getProperty("plugin.id");
                if (id != null && !id.isBlank()) {
                    return id.strip();
                }
            }
            ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
            if (manifest != null) {
                try (InputStream in = zip.getInputStream(manifest)) {
                    String id = new Manifest(in).getMainAttributes().getValue("Plugin-Id");
                    if (id != null && !id.isBlank()) {
                        return id.strip();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(plugin + " is not a zip or jar file (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(plugin + " is not a PF4J plugin: no plugin.id in plugin.properties and no Plugin-Id in META-INF/MANIFEST.MF");
    }
}
