package org.spatialx.shell.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.upload.UploadBigFileOptions;
import org.spatialx.core.upload.UploadFolderOptions;
import org.spatialx.shell.runtime.Invocation;
import org.spatialx.shell.script.DefaultConnectorFactory;
import org.spatialx.shell.script.SpatialxHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spatialx upload PATH...}: files ({@code upload_big_file}) and folders ({@code upload_folder})
 * to the local server of the home or to a SpatialX server, with no script engine: the connector's own
 * protocol (parallel, retried, resumable and SHA-256-verified chunks where the server advertises them),
 * progress on standard error as scripts report it, one line per upload on standard output.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Upload files and folders as upload_big_file and upload_folder do (for scripts and automation).",
            "To the local server of $SPATIALX_HOME, or to a SpatialX server with --domain and --token.",
            "An interrupted upload resumes when the same command runs again (only missing chunks are sent)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every path was uploaded", "1:an upload failed (the message says why and what to do)",
            "2:a path does not exist or cannot be read (nothing was sent)"})
public final class UploadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "PATH", description = "Files and folders to upload.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--folder", paramLabel = "NAME", defaultValue = "",
            description = "The folder in the server's upload area (server_folder_name; default: its root).")
    String folder;

    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--progress",
            description = "debug_mode=True: off a terminal, also a progress line when an upload starts and every 5 s.")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // relative to the command's working directory (the client's when the warm runtime runs it)
        List<Path> files = paths.stream().map(Invocation.current()::resolve).toList();
        // Every path is checked before anything is sent: a typo in the third path must not leave two uploaded.
        for (Path path : files) {
            String problem = unreadable(path);
            if (problem != null) {
                err.println("spatialx upload: " + problem);
                err.flush();
                return 2;
            }
        }
        String serverProblem = server.problem();
        if (serverProblem != null) {
            err.println("spatialx upload: " + serverProblem);
            err.flush();
            return 2;
        }
        RunCommand.quietLibraryLogs();
        try (DefaultConnectorFactory connectors = new DefaultConnectorFactory(SpatialxHome.current())) {
            SpatialXConnector connector = (SpatialXConnector) connectors.open(server.connectOptions());
            for (int i = 0; i < files.size(); i++) {
                Path path = files.get(i);
                long started = System.nanoTime();
                Map<String, Object> answer = Files.isDirectory(path)
                        ? connector.uploadFolder(path.toString(), new UploadFolderOptions(0, progress, folder, null, false))
                        : connector.uploadBigFile(path.toString(),
                                new UploadBigFileOptions(0, progress, folder, Map.of(), true, false));
                out.println(summary(paths.get(i), path, answer, System.nanoTime() - started));
                out.flush();
            }
            return 0;
        } catch (SpatialXException e) {
            out.flush();
            err.println("spatialx upload: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** Why {@code path} cannot be uploaded, or null when it can. */
    private static String unreadable(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return "no such file or folder: " + path.toAbsolutePath() + " (check the path; nothing was sent)";
        }
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            return "not a file or a folder: " + path.toAbsolutePath() + " (a device, socket or broken link; nothing was sent)";
        }
        if (!Files.isReadable(path)) {
            return "cannot read " + path.toAbsolutePath() + " (permission denied; nothing was sent)";
        }
        return null;
    }

    /** {@code given -> server path (size, time, rate[, SHA-256])}: one line a script can read. */
    private static String summary(Path given, Path local, Map<String, Object> answer, long nanos) {
        StringBuilder line = new StringBuilder().append(given).append(" -> ").append(answer.getOrDefault("path", "?"));
        if (Files.isRegularFile(local)) {
            try {
                long bytes = Files.size(local);
                double seconds = nanos / 1e9;
                line.append(String.format(Locale.ROOT, " (%d bytes, %.1f s, %.0f MB/s", bytes, seconds,
                        seconds > 0 ? bytes / seconds / 1e6 : 0));
            } catch (IOException e) {
                line.append(" (");
            }
            Object sha256 = answer.get("sha256");
            line.append(sha256 == null ? ")" : ", SHA-256 " + sha256 + " verified)");
        }
        return line.toString();
    }
}
