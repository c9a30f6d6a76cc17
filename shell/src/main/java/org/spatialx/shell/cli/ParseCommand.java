package org.spatialx.shell.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.SampleDetection;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.shell.progress.ByteSize;
import org.spatialx.technologies.PluginProblem;
import org.spatialx.technologies.TechnologyCatalog;
import org.spatialx.technologies.detection.DefaultSampleDataDetector;
import org.spatialx.technologies.storage.LocalStorageView;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spatialx parse [--technology T] PATH}: the client-side {@code parse_data_information} /
 * {@code parse_multiple_samples_information}. Prints the SampleData in the notebook's
 * {@code format_print} layout and the per-element report; exits with 2 when a required element
 * is missing (or nothing matches), so scripts can check a folder before uploading it.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Detect an instrument output folder and print the SampleData a submission needs, "
                + "with a per-element report (found, missing, where we looked, software version).",
            "Without --technology, says which technologies match. A folder whose sub-folders are samples "
                + "is parsed sample by sample (like parse_multiple_samples_information)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every required element was found", "2:a required element is missing or nothing matched",
            "1:bad arguments or an unreadable folder"})
public final class ParseCommand implements Callable<Integer> {

    /** Exit code when a required element is missing or no technology matches. */
    public static final int INCOMPLETE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-t", "--technology"}, paramLabel = "TECHNOLOGY",
            description = "Technology id (XENIUM, VISIUM, COSMX_VER1, ...); omit to detect it.")
    String technology;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Data set name (default: the folder's name).")
    String name;

    @Option(names = "--samples", description = "Treat every sub-folder of PATH as one sample "
            + "(detected automatically when PATH itself matches nothing).")
    boolean samples;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Plugins folder (default: $SPATIALX_PLUGINS, $SPATIALX_HOME/plugins or ~/.spatialx/plugins).")
    Path pluginsFolder;

    @Option(names = "--list", description = "List the known technologies (built-ins and plugins) and skipped plugins.")
    boolean list;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The data folder.")
    Path path;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            return listTechnologies(out, err);
        }
        if (path == null) {
            err.println("Missing PATH: give the instrument's output folder (or --list to see the technologies)");
            return 1;
        }
        Path folder = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            err.println("Not a folder: " + folder + " (give the instrument's output folder)");
            return 1;
        }
        try (TechnologyCatalog catalog = TechnologyCatalog.load(
                pluginsFolder != null ? pluginsFolder : TechnologyCatalog.defaultPluginsFolder())) {
            for (PluginProblem problem : catalog.problems()) {
                err.println("warning: skipped plugin " + problem);
            }
            if (technology != null) {
                try {
                    technology = catalog.require(technology).id();
                } catch (IllegalArgumentException unknown) {
                    err.println("spatialx parse: " + unknown.getMessage());
                    return 1;
                }
            }
            DefaultSampleDataDetector detector = new DefaultSampleDataDetector(catalog);
            LocalStorageView storage = new LocalStorageView();
            String dataName = name != null ? name : String.valueOf(folder.getFileName());
            DetectionResult single = samples ? null : detector.detect(dataName, technology, storage, folder.toString());
            List<SampleDetection> detections = single != null && single.complete() ? List.of()
                    : detector.detectSamples(technology, storage, folder.toString());
            boolean anySample = detections.stream().anyMatch(s -> s.result().complete());
            if (single != null && (single.complete() || !anySample)) {
                out.print(FormatPrint.parseToStr(single.sampleData()));
                out.println();
                printReports(out, catalog, single, technology == null);
                if (single.reports().isEmpty()) {
                    suggestFoldersBelow(out, detector, storage, folder);
                }
                return single.complete() ? 0 : INCOMPLETE;
            }
            List<Object> printed = new ArrayList<>();
            boolean complete = !detections.isEmpty();
            for (SampleDetection sample : detections) {
                if (sample.result().complete()) {
                    printed.add(new SampleSubmission(sample.folder(), sample.result().sampleData()));
                } else {
                    complete = false;
                }
            }
            out.print(FormatPrint.parseToStr(printed));
            out.println();
            for (SampleDetection sample : detections) {
                out.println();
                out.println("Sample " + sample.folder() + ":");
                if (!sample.result().complete()) {
                    out.println("Fail to parse data in " + sample.folder() + ": "
                            + sample.result().best().map(DetectionReport::problem).orElse("no known technology matches"));
                }
                printReports(out, catalog, sample.result(), technology == null);
            }
            return complete ? 0 : INCOMPLETE;
        }
    }

    /**
     * When nothing matches in {@code folder} nor in its sub-folders, names the sub-folders that are
     * folders of samples (e.g. {@code examples/data/xenium} below {@code examples/data}), so the user
     * knows which one to give.
     */
    private void suggestFoldersBelow(PrintWriter out, DefaultSampleDataDetector detector, LocalStorageView storage,
            Path folder) {
        List<String> suggestions = new ArrayList<>();
        for (SampleDetection child : detector.detectSamples(technology, storage, folder.toString())) {
            List<String> found = detector.detectSamples(technology, storage, folder.resolve(child.folder()).toString())
                    .stream()
                    .filter(sample -> sample.result().complete())
                    .map(sample -> sample.folder() + " (" + sample.result().sampleData().get(0).technology() + ")")
                    .toList();
            if (!found.isEmpty()) {
                suggestions.add("  spatialx parse " + path.resolve(child.folder()) + "    # " + found.size()
                        + (found.size() == 1 ? " sample: " : " samples: ") + String.join(", ", found));
            }
        }
        if (!suggestions.isEmpty()) {
            out.println();
            out.println("Instrument outputs are one level further down: give a folder of samples"
                    + " (each sample is parsed on its own) or one sample's folder:");
            suggestions.forEach(out::println);
        }
    }

    private int listTechnologies(PrintWriter out, PrintWriter err) {
        Path folder = pluginsFolder != null ? pluginsFolder : TechnologyCatalog.defaultPluginsFolder();
        try (TechnologyCatalog catalog = TechnologyCatalog.load(folder)) {
            int width = catalog.technologies().stream().mapToInt(t -> t.id().length()).max().orElse(10);
            for (var technology : catalog.technologies()) {
                out.println(pad(technology.id(), width) + "  " + technology.description() + " ["
                        + catalog.origin(technology.id()) + "]");
            }
            out.println("plugins folder: " + folder + (Files.isDirectory(folder) ? "" : " (absent)"));
            for (PluginProblem problem : catalog.problems()) {
                err.println("warning: skipped plugin " + problem);
            }
            return 0;
        }
    }

    private static void printReports(PrintWriter out, TechnologyCatalog catalog, DetectionResult result, boolean detected) {
        if (result.reports().isEmpty()) {
            out.println("No known technology matches: no element of any of " + catalog.technologies().size()
                    + " technologies was found. Known: " + String.join(", ",
                            catalog.technologies().stream().map(t -> t.id()).toList()));
            return;
        }
        if (detected) {
            out.println("Matching technologies: " + (result.matchingTechnologies().isEmpty()
                    ? "none complete" : String.join(", ", result.matchingTechnologies())));
            DetectionReport chosen = result.reports().get(0);
            for (DetectionReport other : result.reports().subList(1, result.reports().size())) {
                out.println("  also considered " + other.technology() + ": " + other.foundCount() + " element(s) found"
                        + (other.complete() ? ", complete" : ", missing " + String.join(", ",
                                other.missingRequired().stream().map(ElementReport::name).toList()))
                        + (other.partOf().isEmpty() ? "" : " (its files are part of the " + other.partOf() + " layout)"));
                if (other.complete() && chosen.complete() && other.foundCount() == chosen.foundCount()) {
                    explainTie(out, chosen, other);
                }
            }
        }
        DetectionReport report = result.reports().get(0);
        out.println();
        out.println("Report for " + report.technology() + " (" + catalog.origin(report.technology()) + ") in "
                + report.dataPath() + ": " + (report.complete() ? "complete" : "INCOMPLETE"));
        out.println("  software version: " + report.version().value()
                + (report.version().source().isEmpty() ? "" : " (" + report.version().source() + ")"));
        int width = report.elements().stream().mapToInt(e -> e.name().length()).max().orElse(10);
        for (ElementReport element : report.elements()) {
            String label = switch (element.status()) {
                case FOUND -> "found   ";
                case MISSING_OPTIONAL -> "optional";
                case MISSING_REQUIRED -> "MISSING ";
            };
            String detail = element.found()
                    ? element.path() + (element.kind() == org.spatialx.api.technology.EntryKind.FOLDER
                            ? "/" : " (" + ByteSize.format(element.size()) + ")")
                            + (element.element().sent() ? " -> " + element.element().wireKey().orElseThrow() : " (not sent)")
                    : element.element().required()
                            ? "not found; looked for " + String.join(", ", element.lookedFor())
                            : "not found (" + element.lookedFor().size() + " places looked at)";
            out.println("  [" + label + "] " + pad(element.name(), width) + "  " + detail);
            for (String warning : element.warnings()) {
                out.println("             " + pad("", width) + "  ! " + warning);
            }
        }
        for (String warning : report.warnings()) {
            out.println("  ! " + warning);
        }
    }

    /**
     * Why {@code chosen} won over {@code other} when both found the same elements: the files found are
     * the first choice of the chosen one and a fallback of the other (CosMx legacy .csv names versus
     * AtoMx .csv.gz), and what the other technology itself says about the folder.
     */
    private static void explainTie(PrintWriter out, DetectionReport chosen, DetectionReport other) {
        List<String> preferred = new ArrayList<>();
        for (ElementReport mine : chosen.elements()) {
            other.element(mine.name())
                    .filter(theirs -> mine.found() && theirs.found() && rank(theirs) > rank(mine))
                    .ifPresent(theirs -> preferred.add(mine.path()));
        }
        if (!preferred.isEmpty()) {
            out.println("    " + chosen.technology() + " was chosen: " + String.join(", ", preferred)
                    + (preferred.size() == 1 ? " is" : " are") + " its preferred file names, only fallbacks for "
                    + other.technology());
        }
        for (String warning : other.warnings()) {
            if (!chosen.warnings().contains(warning)) { // what only the other one says about this folder
                out.println("    " + other.technology() + ": " + warning);
            }
        }
    }

    /** The position of the alternative that matched, 0 for the first choice. */
    private static int rank(ElementReport element) {
        return element.element().alternatives().indexOf(element.alternative());
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
