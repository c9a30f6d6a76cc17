package org.spatialx.shell.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spatialx.api.technology.Technology;
import org.spatialx.shell.script.SpatialxHome;
import org.spatialx.technologies.PluginFolder;
import org.spatialx.technologies.PluginFolder.InstalledPlugin;
import org.spatialx.technologies.PluginProblem;
import org.spatialx.technologies.TechnologyCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code spatialx plugins list|install|remove|new}: the PF4J plugins of the home folder
 * (technologies and analyses from third parties), the technologies they add to the built-in ones,
 * and a new plugin project to start from.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Manage the plugins (PF4J zips or jars) in the plugins folder of the SpatialX home "
                + "($SPATIALX_HOME/plugins, ~/.spatialx/plugins), or start a new one."},
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.InstallPlugin.class,
            PluginsCommand.RemovePlugin.class, NewPluginCommand.class})
public final class PluginsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static PluginFolder homeFolder() {
        return new PluginFolder(SpatialxHome.current().plugins());
    }

    /** One plugin or name of a command's arguments. */
    @FunctionalInterface
    private interface Action<T> {
        void apply(T item, PrintWriter out) throws IOException;
    }

    /**
     * Applies {@code action} to each item; a refused one (IllegalArgumentException) prints
     * {@code spatialx plugins <command>: <why>} and makes the exit code 1, the others still run.
     */
    private static <T> int eachOf(CommandLine.Model.CommandSpec spec, List<T> items, Action<T> action) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        for (T item : items) {
            try {
                action.apply(item, out);
            } catch (IllegalArgumentException refused) {
                err.println(spec.qualifiedName() + ": " + refused.getMessage());
                status = 1;
            }
        }
        out.flush();
        err.flush();
        return status;
    }

    /** {@code spatialx plugins list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the installed plugins and every technology (built in or from a plugin).")
    static final class ListPlugins implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PluginFolder folder = homeFolder();
            List<InstalledPlugin> installed = folder.installed();
            try (TechnologyCatalog catalog = TechnologyCatalog.load(folder.path())) {
                if (installed.isEmpty()) {
                    out.println("No plugins in " + folder.path() + ". Install one with: spatialx plugins install <plugin.zip>");
                } else {
                    out.println("Plugins in " + folder.path() + ":");
                }
                for (InstalledPlugin plugin : installed) {
                    out.printf("    %s %s  %s  (%s) [%s]%n", plugin.id(), plugin.version(), plugin.description(),
                            plugin.path().getFileName(), catalog.plugins().contains(plugin.id()) ? "STARTED" : "NOT STARTED");
                }
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
    }

    /** {@code spatialx plugins install <zip|jar>...}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Copy plugin zips or jars into the plugins folder (created if needed), replacing "
                + "another version of the same plugin. Restart a running local server to load them."})
    static final class InstallPlugin implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PLUGIN",
                description = "a PF4J plugin zip (with plugin.properties) or jar (with Plugin-Id in its manifest)")
        List<Path> plugins;

        @Override
        public Integer call() throws IOException {
            PluginFolder folder = homeFolder();
            return eachOf(spec, plugins, (plugin, out) -> {
                List<InstalledPlugin> done = folder.install(plugin);
                InstalledPlugin installed = done.get(0);
                out.println("Installed " + installed.id() + " " + installed.version() + " into " + installed.path());
                for (InstalledPlugin replaced : done.subList(1, done.size())) {
                    out.println("    replacing " + replaced.path().getFileName()
                            + (replaced.version().isEmpty() ? "" : " (" + replaced.version() + ")"));
                }
            });
        }
    }

    /** {@code spatialx plugins remove <id>...}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove installed plugins: the zip or jar and the copy it was unpacked into. "
                + "Restart a running local server to unload them."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:removed", "1:no plugin of that name is installed"})
    static final class RemovePlugin implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME", description = "a plugin id (as plugins list shows it) or file name")
        List<String> names;

        @Override
        public Integer call() throws IOException {
            PluginFolder folder = homeFolder();
            return eachOf(spec, names, (name, out) -> {
                InstalledPlugin removed = folder.remove(name).orElseThrow(() -> {
                    List<String> ids = folder.installed().stream().map(InstalledPlugin::id).toList();
                    return new IllegalArgumentException("no plugin '" + name + "' in " + folder.path() + "; installed: "
                            + (ids.isEmpty() ? "none" : String.join(", ", ids)));
                });
                out.println("Removed " + removed.id() + " " + removed.version() + " (" + removed.path() + ")");
            });
        }
    }
}
