package org.spatialx.server.lens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.server.storage.Mount;
import org.spatialx.server.storage.Mounts;

/**
 * Where a Lens study's exported files are on this server: a folder named after the Lens study id
 * directly inside a mounted folder ({@code Converted/<id>/}, or {@code <--mount folder>/<id>/}),
 * holding an AnnData file ({@code *.h5ad}) or a 10x matrix ({@code *.h5}, or a Matrix Market folder
 * with {@code matrix.mtx[.gz]}). Offline, this is what converting a Lens study needs.
 *
 * @param folder the study's folder
 * @param files  the SampleData {@code files} pair of the matrix ({@code annotated_data} or {@code matrix})
 * @param folders the SampleData {@code folders} pair of a Matrix Market folder
 */
record LensStudyFiles(Path folder, List<KeyValue> files, List<KeyValue> folders) {

    /** The exported files of Lens study {@code lensId} in the first mount that has its folder. */
    static Optional<LensStudyFiles> find(Mounts mounts, String lensId) throws IOException {
        for (Mount mount : mounts.all()) {
            Path folder = mount.root().resolve(lensId);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            Optional<Path> h5ad = first(folder, name -> name.endsWith(".h5ad"));
            if (h5ad.isPresent()) {
                return Optional.of(new LensStudyFiles(folder, List.of(pair(SubmissionElementKeys.EXPRESSION, h5ad.get())),
                        List.of()));
            }
            Optional<Path> h5 = first(folder, name -> name.endsWith(".h5"));
            if (h5.isPresent()) {
                return Optional.of(new LensStudyFiles(folder, List.of(pair(SubmissionElementKeys.MATRIX, h5.get())),
                        List.of()));
            }
            if (Files.isRegularFile(folder.resolve("matrix.mtx")) || Files.isRegularFile(folder.resolve("matrix.mtx.gz"))) {
                return Optional.of(new LensStudyFiles(folder, List.of(),
                        List.of(pair(SubmissionElementKeys.MATRIX, folder))));
            }
        }
        return Optional.empty();
    }

    /** What offline conversion needs, for the failure line of a study whose files are not found. */
    static String whatIsNeeded(Mounts mounts, String lensId) {
        return "Lens study " + lensId + " has no exported files on this server, which cannot reach a Lens server to "
                + "convert it. Offline conversion needs its expression data in a folder named " + lensId
                + " directly inside a mounted folder: an AnnData file (" + lensId + "/*.h5ad) or a 10x matrix ("
                + lensId + "/*.h5, or matrix.mtx.gz with barcodes.tsv.gz and features.tsv.gz). Mounted folders: "
                + mounts.describe() + ". Put the files there (or start the server with --mount NAME=PATH of the folder"
                + " holding " + lensId + "/), then convert again.";
    }

    private static KeyValue pair(SubmissionElementKeys key, Path path) {
        return new KeyValue(key.value(), path.toString());
    }

    private static Optional<Path> first(Path folder, java.util.function.Predicate<String> name) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isRegularFile).filter(p -> name.test(p.getFileName().toString()))
                    .sorted().findFirst();
        }
    }
}
