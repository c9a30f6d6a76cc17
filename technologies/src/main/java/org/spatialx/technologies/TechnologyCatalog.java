package org.spatialx.technologies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.technology.Element;
import org.spatialx.api.Spi;
import org.spatialx.api.technology.Technology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link Technology} and {@link Analysis} kind known here: the built-ins found on the class
 * path (PF4J system extensions) and those of every plugin zip, jar or folder in a plugins folder. A plugin that
 * cannot be loaded, is incompatible, or whose technology throws is skipped and listed in
 * {@link #problems()}; it never stops the others.
 */
public final class TechnologyCatalog implements AutoCloseable {

    /** System property naming the plugins folder; wins over the environment. */
    public static final String PLUGINS_DIR_PROPERTY = "spatialx.plugins.dir";

    private static final Logger LOG = LoggerFactory.getLogger(TechnologyCatalog.class);

    private final Map<String, Technology> technologies;
    private final List<Analysis<?>> analyses;
    private final Map<String, String> origins;
    private final List<PluginProblem> problems;
    private final List<PluginWrapper> plugins;
    private final DefaultPluginManager manager;

    private TechnologyCatalog(Map<String, Technology> technologies, List<Analysis<?>> analyses, Map<String, String> origins,
            List<PluginProblem> problems, List<PluginWrapper> plugins, DefaultPluginManager manager) {
        this.technologies = Collections.unmodifiableMap(technologies);
        this.analyses = List.copyOf(analyses);
        this.origins = Collections.unmodifiableMap(origins);
        this.problems = List.copyOf(problems);
        this.plugins = List.copyOf(plugins);
        this.manager = manager;
    }

    /**
     * The plugins folder: the system property {@value #PLUGINS_DIR_PROPERTY}, else
     * {@code $SPATIALX_PLUGINS}, else {@code $SPATIALX_HOME/plugins}, else {@code ~/.spatialx/plugins}.
     */
    public static Path defaultPluginsFolder() {
        String property = System.getProperty(PLUGINS_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String plugins = System.getenv("SPATIALX_PLUGINS");
        if (plugins != null && !plugins.isBlank()) {
            return Path.of(plugins);
        }
        String home = System.getenv("SPATIALX_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "plugins");
        }
        return Path.of(System.getProperty("user.home"), ".spatialx", "plugins");
    }

    /** The analysis kinds: the built-ins on the class path and those of the started plugins, by group and name. */
    public List<Analysis<?>> analyses() {
        return analyses;
    }

    /** The built-in technologies alone. */
    public static TechnologyCatalog builtIns() {
        return load(null);
    }

    /**
     * The built-ins plus the plugins in {@code pluginsFolder} (absent or {@code null}: built-ins only).
     * PF4J unpacks a plugin zip into a folder beside it.
     */
    public static TechnologyCatalog load(Path pluginsFolder) {
        boolean withPlugins = pluginsFolder != null && Files.isDirectory(pluginsFolder);
        CatalogPluginManager manager = withPlugins
                ? new CatalogPluginManager(pluginsFolder)
                : new CatalogPluginManager();
        manager.setSystemVersion(Spi.VERSION);
        Map<String, Technology> technologies = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<PluginProblem> problems = new ArrayList<>();

        // PF4J returns extensions in hash order: sort by id so listings and ranking ties are stable
        List<Class<? extends Technology>> builtIns = new ArrayList<>(manager.getExtensionClasses(Technology.class, null));
        builtIns.sort(java.util.Comparator.comparing(Class::getSimpleName));
        for (Class<? extends Technology> type : builtIns) {
            add(instantiate(manager, type, "built-in", problems), "built-in", technologies, origins, problems);
        }
        List<Analysis<?>> analyses = new ArrayList<>();
        addAnalyses(manager, manager.getExtensionClasses(Analysis.class, null), "built-in", analyses, problems);
        Map<String, Technology> byId = new java.util.TreeMap<>(technologies);
        technologies.clear();
        technologies.putAll(byId);
        List<PluginWrapper> started = new ArrayList<>();
        if (withPlugins) {
            for (Path path : manager.candidatePaths(pluginsFolder, problems).stream().sorted().toList()) {
                try {
                    manager.loadPlugin(path);
                } catch (RuntimeException e) {
                    problems.add(new PluginProblem(pluginsFolder.relativize(path).toString(),
                            "cannot be loaded: " + rootMessage(e)
                                    + " (check plugin.properties: plugin.id, plugin.version, plugin.requires)"));
                }
            }
            for (PluginWrapper plugin : manager.getPlugins()) {
                if (plugin.getPluginState() == PluginState.DISABLED) {
                    continue;
                }
                try {
                    manager.startPlugin(plugin.getPluginId());
                } catch (RuntimeException e) {
                    problems.add(new PluginProblem(plugin.getPluginId(), "failed to start: " + rootMessage(e)));
                }
            }
            for (PluginWrapper plugin : manager.getPlugins()) {
                String id = plugin.getPluginId();
                if (plugin.getPluginState() != PluginState.STARTED) {
                    if (problems.stream().noneMatch(p -> p.plugin().equals(id))) {
                        problems.add(new PluginProblem(id, notStartedReason(plugin)));
                    }
                    continue;
                }
                started.add(plugin);
                List<Class<? extends Technology>> types;
                List<Class<? extends Analysis>> analysisTypes;
                try {
                    // Only the plugin's own classes: a plugin without an extension index of its
                    // own can see the host's through its class loader's parent.
                    types = manager.getExtensionClasses(Technology.class, id).stream()
                            .filter(type -> type.getClassLoader() == plugin.getPluginClassLoader())
                            .toList();
                    analysisTypes = manager.getExtensionClasses(Analysis.class, id).stream()
                            .filter(type -> type.getClassLoader() == plugin.getPluginClassLoader())
                            .toList();
                } catch (RuntimeException e) {
                    problems.add(new PluginProblem(id, "its extensions cannot be listed: " + rootMessage(e)));
                    continue;
                }
                if (types.isEmpty() && analysisTypes.isEmpty()) {
                    problems.add(new PluginProblem(id, "declares no Technology or Analysis extension"
                            + " (annotate the class with @Extension and build with PF4J's annotation processor)"));
                }
                addAnalyses(manager, analysisTypes, id, analyses, problems);
                List<Class<? extends Technology>> sorted = new ArrayList<>(types);
                sorted.sort(java.util.Comparator.comparing(Class::getName));
                for (Class<? extends Technology> type : sorted) {
                    String origin = "plugin " + id + " " + plugin.getDescriptor().getVersion();
                    add(instantiate(manager, type, id, problems), origin, technologies, origins, problems);
                }
            }
        }
        problems.forEach(p -> LOG.warn("Skipped plugin {}", p));
        analyses.sort(java.util.Comparator.comparing((Analysis<?> kind) -> kind.group()).thenComparing(Analysis::name));
        return new TechnologyCatalog(technologies, analyses, origins, problems, started, manager);
    }

    /** Creates the analysis kinds of {@code types}; a kind that cannot be created or repeats a group.name is a problem. */
    @SuppressWarnings("rawtypes")
    private static void addAnalyses(DefaultPluginManager manager, List<Class<? extends Analysis>> types, String plugin,
            List<Analysis<?>> analyses, List<PluginProblem> problems) {
        List<Class<? extends Analysis>> sorted = new ArrayList<>(types);
        sorted.sort(java.util.Comparator.comparing(Class::getName));
        for (Class<? extends Analysis> type : sorted) {
            Analysis<?> kind;
            String key;
            try {
                kind = (Analysis<?>) manager.getExtensionFactory().create(type);
                key = kind.group() + "." + kind.name();
            } catch (RuntimeException | LinkageError e) {
                problems.add(new PluginProblem(plugin, type.getName() + " cannot be created: " + rootMessage(e)));
                continue;
            }
            if (analyses.stream().anyMatch(k -> (k.group() + "." + k.name()).equals(key))) {
                problems.add(new PluginProblem(plugin, "analysis " + key + " is already provided; skipped"
                        + " (choose another name)"));
                continue;
            }
            analyses.add(kind);
        }
    }

    private static Technology instantiate(DefaultPluginManager manager, Class<? extends Technology> type,
            String plugin, List<PluginProblem> problems) {
        try {
            return (Technology) manager.getExtensionFactory().create(type);
        } catch (RuntimeException | LinkageError e) {
            problems.add(new PluginProblem(plugin, type.getName() + " cannot be created: " + rootMessage(e)));
            return null;
        }
    }

    /** Checks that the technology answers its declarations before it is trusted with detection. */
    private static void add(Technology technology, String origin, Map<String, Technology> technologies,
            Map<String, String> origins, List<PluginProblem> problems) {
        if (technology == null) {
            return;
        }
        String plugin = origin.startsWith("plugin ") ? origin.split(" ")[1] : origin;
        String id;
        try {
            id = technology.id();
            List<Element> elements = technology.elements();
            technology.roots();
            technology.args();
            technology.submissionType();
            if (id == null || id.isBlank() || elements == null || elements.isEmpty()) {
                problems.add(new PluginProblem(plugin, technology.getClass().getName()
                        + " declares no id or no elements; skipped"));
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(new PluginProblem(plugin, technology.getClass().getName() + " throws: " + rootMessage(e)));
            return;
        }
        if (technologies.containsKey(id)) {
            problems.add(new PluginProblem(plugin, "technology " + id + " is already provided by "
                    + origins.get(id) + "; skipped (choose another id)"));
            return;
        }
        technologies.put(id, technology);
        origins.put(id, origin);
    }

    private static String notStartedReason(PluginWrapper plugin) {
        if (plugin.getPluginState() == PluginState.DISABLED) {
            return "incompatible: requires SPI " + plugin.getDescriptor().getRequires() + ", this is "
                    + Spi.VERSION + " (rebuild it against this spatialx-api)";
        }
        Throwable failure = plugin.getFailedException();
        return "not started (" + plugin.getPluginState() + ")" + (failure == null ? "" : ": " + rootMessage(failure));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " <- " + root;
        return text;
    }

    /** The technologies: built-ins by id, then each plugin's. */
    public List<Technology> technologies() {
        return List.copyOf(technologies.values());
    }

    /** The technology called {@code id} (its id or wire technology, case-insensitive). */
    public Optional<Technology> find(String id) {
        Technology exact = technologies.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        return technologies.values().stream()
                .filter(t -> t.id().equalsIgnoreCase(id) || t.wireTechnology().equalsIgnoreCase(id))
                .findFirst();
    }

    /**
     * The technology called {@code id}.
     *
     * @throws IllegalArgumentException naming the known technologies when there is none
     */
    public Technology require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("Unknown technology '" + id
                + "'; known: " + String.join(", ", technologies.keySet())
                + (problems.isEmpty() ? "" : " (some plugins were skipped: " + problems + ")")));
    }

    /** Where a technology comes from: {@code built-in} or {@code plugin <id> <version>}. */
    public String origin(String id) {
        return origins.getOrDefault(id, "unknown");
    }

    /** Plugins that were skipped, and why. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** Ids of the plugins that were started. */
    public List<String> plugins() {
        return plugins.stream().map(PluginWrapper::getPluginId).collect(Collectors.toList());
    }

    /** Stops the plugins (their class loaders are closed). */
    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    /** PF4J's default manager, exposing the candidate paths so each is loaded (and fails) on its own. */
    private static final class CatalogPluginManager extends DefaultPluginManager {

        CatalogPluginManager(Path pluginsFolder) {
            super(pluginsFolder);
        }

        CatalogPluginManager() {
            super(List.of());
        }

        /** The plugin zips, jars and folders; a folder that cannot be read is a problem, not a failure. */
        List<Path> candidatePaths(Path folder, List<PluginProblem> problems) {
            try {
                return pluginRepository.getPluginPaths();
            } catch (RuntimeException e) {
                problems.add(new PluginProblem(folder.toString(), "plugins folder cannot be read: " + rootMessage(e)));
                return List.of();
            }
        }
    }
}
