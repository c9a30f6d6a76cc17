package org.spatialx.formats.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spatialx.api.ingestion.ImageInfo;

/**
 * Reads what an image's metadata says (size, channels, pixel size) without decoding a pixel: TIFF
 * and BigTIFF directories (OME-TIFF's OME-XML, QPTIFF's per-page PerkinElmer XML, plain TIFF), the
 * XML schema at the end of an MCD file, and PNG/JPEG headers. A folder of images (CosMx
 * {@code RawMorphologyImages}, MERSCOPE {@code images/}) is described by its first image and its
 * file count.
 */
public final class ImageMetadata {

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int IMAGE_DESCRIPTION = 270;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int X_RESOLUTION = 282;
    private static final int RESOLUTION_UNIT = 296;
    private static final int NEW_SUBFILE_TYPE = 254;
    private static final long MAX_DESCRIPTION = 64L * 1024 * 1024;

    private ImageMetadata() {
    }

    /** The metadata of the image file or folder {@code path}. */
    public static ImageInfo read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                return folder(path);
            }
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".mcd")) {
                return mcd(path);
            }
            byte[] head = head(path, 8);
            if (head.length >= 4 && (head[0] == 'I' && head[1] == 'I' || head[0] == 'M' && head[1] == 'M')) {
                return tiff(path, name.endsWith(".qptiff") || name.endsWith(".qptif"));
            }
            if (head.length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
                return png(path);
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8) {
                return jpeg(path);
            }
            throw new IllegalArgumentException(path + " is not an image this server can register: expected TIFF "
                    + "(OME-TIFF, QPTIFF), MCD, PNG or JPEG");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image " + path + ": " + e.getMessage(), e);
        }
    }

    private static ImageInfo folder(Path dir) throws IOException {
        List<Path> images;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            images = files.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".jpg") || n.endsWith(".jpeg")
                        || n.endsWith(".png");
            }).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("The image folder " + dir + " holds no TIFF, JPEG or PNG file");
        }
        ImageInfo first = read(images.get(0));
        return new ImageInfo(dir.toString(), first.format() + " folder (" + images.size() + " files)", first.width(),
                first.height(), first.channels(), first.micronsPerPixel());
    }

    // ------------------------------------------------------------------------------- TIFF

    private record Directory(long width, long height, int samples, String description, double micronsPerPixel,
            long subfileType) {
    }

    private static ImageInfo tiff(Path file, boolean qptiff) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 16);
            ByteOrder order = header.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            header.order(order);
            int magic = header.getShort(2) & 0xffff;
            boolean big = magic == 43;
            if (magic != 42 && !big) {
                throw new IllegalArgumentException(file + " is not a TIFF (magic " + magic + ")");
            }
            long offset = big ? header.getLong(8) : header.getInt(4) & 0xffffffffL;
            List<Directory> directories = new ArrayList<>();
            while (offset != 0 && directories.size() < 10_000) {
                Directory[] next = new Directory[1];
                offset = directory(channel, offset, order, big, next, file);
                directories.add(next[0]);
            }
            if (directories.isEmpty()) {
                throw new IllegalArgumentException(file + " has no image directory");
            }
            Directory first = directories.get(0);
            String description = first.description();
            if (description.contains("<OME")) {
                return ome(file, description, first);
            }
            if (qptiff || description.contains("PerkinElmer-QPI-ImageDescription")) {
                return qptiff(file, directories);
            }
            List<String> channels = new ArrayList<>();
            long pages = directories.stream().filter(d -> d.width() == first.width() && d.height() == first.height())
                    .count();
            for (int c = 0; c < (first.samples() > 1 && first.samples() != 3 ? first.samples() : pages); c++) {
                channels.add(pages == 1 && first.samples() == 3 ? "RGB" : "Channel " + (c + 1));
            }
            return new ImageInfo(file.toString(), "TIFF", first.width(), first.height(), channels,
                    physical(first.micronsPerPixel()));
        }
    }

    private static long directory(FileChannel channel, long offset, ByteOrder order, boolean big, Directory[] out,
            Path file) throws IOException {
        ByteBuffer countBuffer = read(channel, offset, big ? 8 : 2).order(order);
        long count = big ? countBuffer.getLong(0) : countBuffer.getShort(0) & 0xffff;
        int entrySize = big ? 20 : 12;
        ByteBuffer entries = read(channel, offset + (big ? 8 : 2), (int) (count * entrySize + (big ? 8 : 4)))
                .order(order);
        long width = 0;
        long height = 0;
        int samples = 1;
        String description = "";
        double resolution = Double.NaN;
        int unit = 2;
        long subfile = 0;
        for (int i = 0; i < count; i++) {
            int at = i * entrySize;
            int tag = entries.getShort(at) & 0xffff;
            int type = entries.getShort(at + 2) & 0xffff;
            long n = big ? entries.getLong(at + 4) : entries.getInt(at + 4) & 0xffffffffL;
            int valueAt = at + (big ? 12 : 8);
            switch (tag) {
                case IMAGE_WIDTH -> width = scalar(entries, valueAt, type);
                case IMAGE_LENGTH -> height = scalar(entries, valueAt, type);
                case SAMPLES_PER_PIXEL -> samples = (int) scalar(entries, valueAt, type);
                case RESOLUTION_UNIT -> unit = (int) scalar(entries, valueAt, type);
                case NEW_SUBFILE_TYPE -> subfile = scalar(entries, valueAt, type);
                case IMAGE_DESCRIPTION -> {
                    if (n > MAX_DESCRIPTION) {
                        throw new IllegalArgumentException(file + ": image description of " + n + " bytes");
                    }
                    ByteBuffer text = n <= (big ? 8 : 4) ? entries.slice(valueAt, (int) n)
                            : read(channel, big ? entries.getLong(valueAt) : entries.getInt(valueAt) & 0xffffffffL,
                                    (int) n);
                    byte[] bytes = new byte[text.remaining()];
                    text.get(bytes);
                    int end = bytes.length;
                    while (end > 0 && bytes[end - 1] == 0) {
                        end--;
                    }
                    description = new String(bytes, 0, end, StandardCharsets.UTF_8);
                }
                case X_RESOLUTION -> {
                    long at2 = big ? entries.getLong(valueAt) : entries.getInt(valueAt) & 0xffffffffL;
                    ByteBuffer rational = big ? entries.slice(valueAt, 8).order(order) : read(channel, at2, 8).order(order);
                    long numerator = rational.getInt(0) & 0xffffffffL;
                    long denominator = rational.getInt(4) & 0xffffffffL;
                    resolution = denominator == 0 ? Double.NaN : (double) numerator / denominator;
                }
                default -> {
                }
            }
        }
        // pixels per centimetre (unit 3) or per inch (2) to microns per pixel
        double mpp = Double.isNaN(resolution) || resolution <= 0 || unit == 1 ? Double.NaN
                : (unit == 3 ? 10_000.0 : 25_400.0) / resolution;
        out[0] = new Directory(width, height, samples, description, mpp, subfile);
        int nextAt = (int) (count * entrySize);
        return big ? entries.getLong(nextAt) : entries.getInt(nextAt) & 0xffffffffL;
    }

    private static long scalar(ByteBuffer entries, int at, int type) {
        return switch (type) {
            case 3 -> entries.getShort(at) & 0xffff;
            case 4 -> entries.getInt(at) & 0xffffffffL;
            case 16 -> entries.getLong(at);
            default -> entries.get(at) & 0xff;
        };
    }

    private static final Pattern OME_PIXELS = Pattern.compile("<(?:\\w+:)?Pixels\\b([^>]*)>");
    private static final Pattern OME_CHANNEL = Pattern.compile("<(?:\\w+:)?Channel\\b([^>]*?)/?>");

    private static ImageInfo ome(Path file, String xml, Directory first) {
        Matcher pixels = OME_PIXELS.matcher(xml);
        long width = first.width();
        long height = first.height();
        OptionalDouble mpp = physical(first.micronsPerPixel());
        int sizeC = 0;
        if (pixels.find()) {
            String attrs = pixels.group(1);
            width = attribute(attrs, "SizeX").map(Long::parseLong).orElse(width);
            height = attribute(attrs, "SizeY").map(Long::parseLong).orElse(height);
            sizeC = attribute(attrs, "SizeC").map(Integer::parseInt).orElse(0);
            java.util.Optional<String> size = attribute(attrs, "PhysicalSizeX");
            if (size.isPresent()) {
                double value = Double.parseDouble(size.get());
                String unit = attribute(attrs, "PhysicalSizeXUnit").orElse("µm");
                mpp = OptionalDouble.of(switch (unit) {
                    case "nm" -> value / 1000;
                    case "mm" -> value * 1000;
                    default -> value;
                });
            }
        }
        List<String> channels = new ArrayList<>();
        Matcher channel = OME_CHANNEL.matcher(xml);
        while (channel.find()) {
            String attrs = channel.group(1);
            channels.add(attribute(attrs, "Name").or(() -> attribute(attrs, "Fluor"))
                    .orElse("Channel " + (channels.size() + 1)));
        }
        for (int c = channels.size(); c < sizeC; c++) {
            channels.add("Channel " + (c + 1));
        }
        return new ImageInfo(file.toString(), "OME-TIFF", width, height, channels, mpp);
    }

    private static ImageInfo qptiff(Path file, List<Directory> directories) {
        List<String> channels = new ArrayList<>();
        Directory first = directories.get(0);
        OptionalDouble mpp = physical(first.micronsPerPixel());
        for (Directory d : directories) {
            String xml = d.description();
            String type = tag(xml, "ImageType").orElse("");
            if (!type.isEmpty() && !type.equals("FullResolution")) {
                continue;
            }
            if (d.width() != first.width() || d.height() != first.height()) {
                continue;
            }
            channels.add(tag(xml, "Name").or(() -> tag(xml, "Biomarker"))
                    .orElse("Channel " + (channels.size() + 1)));
            java.util.Optional<String> pixelSize = tag(xml, "PixelSizeMicrons");
            if (pixelSize.isPresent() && mpp.isEmpty()) {
                mpp = OptionalDouble.of(Double.parseDouble(pixelSize.get().trim()));
            }
        }
        return new ImageInfo(file.toString(), "QPTIFF", first.width(), first.height(), channels, mpp);
    }

    // -------------------------------------------------------------------------------- MCD

    private static final Pattern MCD_CHANNEL = Pattern.compile(
            "<AcquisitionChannel>(.*?)</AcquisitionChannel>", Pattern.DOTALL);

    /** The MCD schema: UTF-16LE XML at the end of the file; channels of the first acquisition, 1 µm pixels. */
    private static ImageInfo mcd(Path file) throws IOException {
        long size = Files.size(file);
        int tail = (int) Math.min(size, 16L * 1024 * 1024);
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = read(channel, size - tail, tail);
        }
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        String text = new String(array, StandardCharsets.UTF_16LE);
        int start = text.indexOf("<MCDSchema");
        if (start < 0) {
            start = new String(array, 1, array.length - 1, StandardCharsets.UTF_16LE).indexOf("<MCDSchema");
            if (start >= 0) {
                text = new String(array, 1, array.length - 1, StandardCharsets.UTF_16LE);
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException(file + " has no MCD schema (<MCDSchema ...>) in its last "
                    + tail / 1024 + " KiB: not an MCD file, or a truncated one");
        }
        String xml = text.substring(start);
        int end = xml.indexOf("</MCDSchema>");
        xml = end > 0 ? xml.substring(0, end) : xml; // the file may repeat its schema
        String firstAcquisition = null;
        Matcher acquisition = Pattern.compile("<Acquisition>(.*?)</Acquisition>", Pattern.DOTALL).matcher(xml);
        if (acquisition.find()) {
            firstAcquisition = acquisition.group(1);
        }
        String acquisitionId = firstAcquisition == null ? null : tag(firstAcquisition, "ID").orElse(null);
        List<String> channels = new ArrayList<>();
        Matcher channel = MCD_CHANNEL.matcher(xml);
        while (channel.find()) {
            String block = channel.group(1);
            if (acquisitionId != null && !tag(block, "AcquisitionID").orElse(acquisitionId).equals(acquisitionId)) {
                continue;
            }
            String name = tag(block, "ChannelName").orElse("");
            if (name.equals("X") || name.equals("Y") || name.equals("Z")) {
                continue; // the pixel coordinates MCD stores as the first three channels
            }
            String label = tag(block, "ChannelLabel").orElse("");
            channels.add(label.isBlank() ? name : label);
        }
        long width = firstAcquisition == null ? 0 : tag(firstAcquisition, "MaxX").map(Long::parseLong).orElse(0L);
        long height = firstAcquisition == null ? 0 : tag(firstAcquisition, "MaxY").map(Long::parseLong).orElse(0L);
        return new ImageInfo(file.toString(), "MCD", width, height, channels, OptionalDouble.of(1.0));
    }

    // -------------------------------------------------------------------------- PNG, JPEG

    private static ImageInfo png(Path file) throws IOException {
        ByteBuffer header = ByteBuffer.wrap(head(file, 24)).order(ByteOrder.BIG_ENDIAN);
        return new ImageInfo(file.toString(), "PNG", header.getInt(16) & 0xffffffffL, header.getInt(20) & 0xffffffffL,
                List.of("RGB"), OptionalDouble.empty());
    }

    private static ImageInfo jpeg(Path file) throws IOException {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            var readers = javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException(file + " is not a readable JPEG");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new ImageInfo(file.toString(), "JPEG", reader.getWidth(0), reader.getHeight(0), List.of("RGB"),
                        OptionalDouble.empty());
            } finally {
                reader.dispose();
            }
        }
    }

    // ---------------------------------------------------------------------------- helpers

    private static OptionalDouble physical(double micronsPerPixel) {
        return Double.isNaN(micronsPerPixel) ? OptionalDouble.empty() : OptionalDouble.of(micronsPerPixel);
    }

    private static java.util.Optional<String> attribute(String attrs, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attrs);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static java.util.Optional<String> tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? java.util.Optional.of(m.group(1).trim()) : java.util.Optional.empty();
    }

    private static byte[] head(Path file, int bytes) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        if (position < 0 || length < 0 || position + length > channel.size()) {
            throw new IOException("truncated: " + length + " bytes at " + position + " beyond the file's "
                    + channel.size());
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("truncated at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
