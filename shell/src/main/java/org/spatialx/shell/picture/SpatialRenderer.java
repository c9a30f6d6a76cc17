package org.spatialx.shell.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.spatialx.api.data.CellPolygon;

/**
 * Draws points to a PNG scatter plot with axes, axis labels and a legend of categories: spatial
 * positions coloured by gene or cell type, and the same for embeddings coloured by clusters.
 * Cell or nucleus boundaries ({@link BoundaryLayer}) are drawn under the points in the same frame,
 * outlined, and filled by category when the cell has one. Headless (no display needed).
 */
public final class SpatialRenderer {

    /** Categories beyond the most frequent ones are drawn grey as {@value #OTHER}. */
    public static final String OTHER = "other";

    // Tableau 10 then its light variants: distinct, colour-blind friendly enough for 20 categories.
    private static final int[] PALETTE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5
    };

    /**
     * How to draw.
     *
     * @param title         title above the plot
     * @param xLabel        label of the x axis
     * @param yLabel        label of the y axis
     * @param width         picture width in pixels
     * @param height        picture height in pixels
     * @param pointSize     point diameter in pixels
     * @param maxCategories categories in the legend; the rest are {@value #OTHER}
     * @param flipY         true for image coordinates (y grows downwards), as spatial data is
     */
    public record Options(String title, String xLabel, String yLabel, int width, int height, double pointSize,
            int maxCategories, boolean flipY) {

        /** Spatial defaults: 1000 x 800, y downwards, 12 categories. */
        public static Options defaults() {
            return new Options("", "x", "y", 1000, 800, 4, 12, true);
        }
    }

    /**
     * What was drawn.
     *
     * @param output     the PNG written
     * @param points     points drawn
     * @param polygons   boundary polygons drawn
     * @param categories legend entries
     * @param frame      where data coordinates landed in the picture
     */
    public record Summary(Path output, int points, int polygons, List<String> categories, PlotFrame frame) {
    }

    /**
     * The mapping from data coordinates to picture pixels (equal scale on both axes).
     *
     * @param left       pixel column of {@code minX}
     * @param top        pixel row of the plot's top edge
     * @param minX       data x at the left edge
     * @param minY       data y at the top edge (flipped) or bottom edge
     * @param scale      pixels per data unit
     * @param plotHeight plot height in pixels
     * @param flipY      whether y grows downwards
     */
    public record PlotFrame(int left, int top, double minX, double minY, double scale, double plotHeight,
            boolean flipY) {

        /** The picture pixel of data point ({@code x}, {@code y}). */
        public Point2D.Double toPixel(double x, double y) {
            double py = flipY ? top + (y - minY) * scale : top + plotHeight - (y - minY) * scale;
            return new Point2D.Double(left + (x - minX) * scale, py);
        }
    }

    private SpatialRenderer() {
    }

    /** Draws {@code points} to {@code output} (a PNG; parent folders are created). */
    public static Summary render(SpatialPoints points, Options options, Path output) throws IOException {
        return render(points, null, options, output);
    }

    /**
     * Draws {@code boundaries} (may be {@code null}) and then {@code points} (may be empty) to
     * {@code output}. The boundary file is read twice, once for the extent and once to draw, one
     * polygon at a time.
     */
    public static Summary render(SpatialPoints points, BoundaryLayer boundaries, Options options, Path output)
            throws IOException {
        Extent extent = new Extent();
        for (int i = 0; i < points.size(); i++) {
            extent.add(points.x()[i], points.y()[i]);
        }
        if (boundaries != null) {
            boundaries.forEach(polygon -> {
                extent.polygons++;
                for (int v = 0; v < polygon.size(); v++) {
                    extent.add(polygon.x()[v], polygon.y()[v]);
                }
            });
        }
        if (points.size() == 0 && extent.polygons == 0) {
            throw new IllegalArgumentException(boundaries == null ? "Nothing to draw: no points"
                    : "Nothing to draw: no points and no polygons in " + boundaries.file());
        }
        if (Double.isInfinite(extent.minX)) {
            throw new IllegalArgumentException("Nothing to draw: every coordinate is NaN");
        }
        Map<String, Integer> colourIndex = categories(points, boundaries, options.maxCategories());
        BufferedImage image = new BufferedImage(options.width(), options.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        int usedHeight = options.height();
        PlotFrame frame;
        try {
            Font font = g.getFont();
            FontMetrics metrics = g.getFontMetrics();

            int legendWidth = points.values() != null ? 90
                    : colourIndex.isEmpty() ? 0 : 30 + colourIndex.keySet().stream().mapToInt(metrics::stringWidth).max().orElse(0);
            int top = 50;
            int right = options.width() - 20 - legendWidth;
            int bottom = options.height() - 60;

            double minX = extent.minX;
            double maxX = extent.maxX;
            double minY = extent.minY;
            double maxY = extent.maxY;
            // A 3% margin keeps points off the frame.
            double marginX = (maxX > minX ? maxX - minX : 1) * 0.03;
            double marginY = (maxY > minY ? maxY - minY : 1) * 0.03;
            minX -= marginX;
            maxX += marginX;
            minY -= marginY;
            maxY += marginY;
            double spanX = maxX - minX;
            double spanY = maxY - minY;
            // Room on the left for the widest y tick label and the rotated axis label.
            int left = 40 + java.util.stream.DoubleStream.of(minY, maxY, (minY + maxY) / 2)
                    .mapToInt(v -> metrics.stringWidth(tick(v))).max().orElse(40);
            // Same scale on both axes, so tissue shapes are not distorted.
            double scale = Math.min((right - left) / spanX, (bottom - top) / spanY);
            double plotW = spanX * scale;
            double plotH = spanY * scale;

            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, (int) Math.round(plotW), (int) Math.round(plotH));
            drawTicks(g, metrics, left, top, plotW, plotH, minX, maxX, minY, maxY, options.flipY());
            frame = new PlotFrame(left, top, minX, minY, scale, plotH, options.flipY());

            if (boundaries != null) {
                drawBoundaries(g, boundaries, frame, colourIndex);
            }
            double radius = options.pointSize() / 2;
            // Frequent categories first, so rare ones stay visible on top of them.
            Integer[] order = new Integer[points.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (points.labels() != null) {
                Map<String, Integer> counts = counts(points.labels());
                java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> -counts.get(points.labels()[i])));
            }
            for (int i : order) {
                Point2D.Double p = frame.toPixel(points.x()[i], points.y()[i]);
                g.setColor(colour(points, i, colourIndex));
                g.fill(new Ellipse2D.Double(p.x - radius, p.y - radius, options.pointSize(), options.pointSize()));
            }

            g.setColor(Color.BLACK);
            Font titleFont = font.deriveFont(Font.BOLD, 16f);
            g.setFont(titleFont);
            g.drawString(options.title(), left, top - 20);
            g.setFont(font);
            g.drawString(options.xLabel(), (int) (left + plotW / 2 - metrics.stringWidth(options.xLabel()) / 2.0), (int) (top + plotH + 45));
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(options.yLabel(), (int) -(top + plotH / 2 + metrics.stringWidth(options.yLabel()) / 2.0), 18);
            g.setTransform(saved);

            usedHeight = Math.max((int) (top + plotH + 60), top + 20 + 18 * colourIndex.size());
            int legendX = (int) (left + plotW + 25);
            int legendY = top + 5;
            if (points.values() != null) {
                // a colour bar from the largest value (top) to the smallest
                double[] range = range(points.values());
                int barHeight = 150;
                for (int py = 0; py < barHeight; py++) {
                    g.setColor(gradient(1 - (double) py / (barHeight - 1)));
                    g.drawLine(legendX, legendY + py, legendX + 12, legendY + py);
                }
                g.setColor(Color.BLACK);
                g.drawString(tick(range[1]), legendX + 18, legendY + 10);
                g.drawString(tick(range[0]), legendX + 18, legendY + barHeight);
                usedHeight = Math.max(usedHeight, legendY + barHeight + 10);
            }
            for (Map.Entry<String, Integer> entry : colourIndex.entrySet()) {
                g.setColor(categoryColour(entry.getValue()));
                if (points.size() == 0) {
                    g.fillRect(legendX, legendY, 10, 10); // a square for filled polygons
                } else {
                    g.fillOval(legendX, legendY, 10, 10);
                }
                g.setColor(Color.BLACK);
                g.drawString(entry.getKey(), legendX + 16, legendY + 10);
                legendY += 18;
            }
        } finally {
            g.dispose();
        }
        // Crop the unused bottom of a wide plot (the plot keeps its aspect ratio).
        image = image.getSubimage(0, 0, image.getWidth(), Math.min(image.getHeight(), usedHeight));
        Path absolute = writePng(image, output);
        return new Summary(absolute, points.size(), extent.polygons, List.copyOf(colourIndex.keySet()), frame);
    }

    /** Graphics on {@code image}, white, antialiased, in the pictures' 13-point sans-serif font. */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }

    /** Writes {@code image} to {@code output} through a {@code .part} file (no half-written picture); the absolute path. */
    static Path writePng(BufferedImage image, Path output) throws IOException {
        Path absolute = output.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        ImageIO.write(image, "png", partial.toFile());
        Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return absolute;
    }

    /**
     * Fills each polygon whose cell has a category with the category's colour, translucent so
     * overlapping outlines stay visible, then outlines it (dark grey when it has no category).
     */
    private static void drawBoundaries(Graphics2D g, BoundaryLayer boundaries, PlotFrame frame,
            Map<String, Integer> colourIndex) {
        g.setStroke(new BasicStroke(1f));
        Color unlabelled = new Color(0x55, 0x55, 0x55);
        boundaries.forEach(polygon -> {
            Path2D.Double shape = outline(polygon, frame);
            if (shape == null) {
                return;
            }
            String label = boundaries.label(polygon.cellId());
            if (label == null) {
                g.setColor(unlabelled);
                g.draw(shape);
                return;
            }
            Integer index = colourIndex.get(label);
            Color colour = categoryColour(index == null ? -1 : index);
            g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140));
            g.fill(shape);
            g.setColor(colour.darker());
            g.draw(shape);
        });
    }

    /** The polygon in picture pixels, closed; {@code null} when it has fewer than 2 usable vertices. */
    private static Path2D.Double outline(CellPolygon polygon, PlotFrame frame) {
        Path2D.Double shape = new Path2D.Double(Path2D.WIND_EVEN_ODD, polygon.size());
        int used = 0;
        for (int v = 0; v < polygon.size(); v++) {
            if (Double.isNaN(polygon.x()[v]) || Double.isNaN(polygon.y()[v])) {
                continue;
            }
            Point2D.Double p = frame.toPixel(polygon.x()[v], polygon.y()[v]);
            if (used++ == 0) {
                shape.moveTo(p.x, p.y);
            } else {
                shape.lineTo(p.x, p.y);
            }
        }
        if (used < 2) {
            return null;
        }
        shape.closePath();
        return shape;
    }

    /** The data extent of everything drawn, NaN coordinates ignored. */
    private static final class Extent {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int polygons;

        void add(double x, double y) {
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return;
            }
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
    }

    private static void drawTicks(Graphics2D g, FontMetrics metrics, int left, int top, double plotW, double plotH,
            double minX, double maxX, double minY, double maxY, boolean flipY) {
        for (int t = 0; t <= 4; t++) {
            double fraction = t / 4.0;
            int px = (int) Math.round(left + fraction * plotW);
            g.drawLine(px, (int) (top + plotH), px, (int) (top + plotH + 5));
            String xText = tick(minX + fraction * (maxX - minX));
            g.drawString(xText, px - metrics.stringWidth(xText) / 2, (int) (top + plotH + 20));
            int py = (int) Math.round(top + fraction * plotH);
            g.drawLine(left - 5, py, left, py);
            double yValue = flipY ? minY + fraction * (maxY - minY) : maxY - fraction * (maxY - minY);
            String yText = tick(yValue);
            g.drawString(yText, left - 8 - metrics.stringWidth(yText), py + 5);
        }
    }

    static String tick(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value) ? String.valueOf(Math.round(value)) : String.format("%.2f", value);
    }

    private static Color colour(SpatialPoints points, int i, Map<String, Integer> colourIndex) {
        if (points.values() != null) {
            return scale(points, points.values()[i]);
        }
        if (points.labels() == null) {
            return new Color(PALETTE[0]);
        }
        Integer index = colourIndex.get(points.labels()[i]);
        return categoryColour(index == null ? -1 : index);
    }

    /** A value on the scale from the smallest (dark blue) to the largest (yellow) value; NaN is grey. */
    private static Color scale(SpatialPoints points, double value) {
        if (Double.isNaN(value)) {
            return Color.LIGHT_GRAY;
        }
        double[] range = range(points.values());
        double t = range[1] > range[0] ? (value - range[0]) / (range[1] - range[0]) : 0.5;
        return gradient(t);
    }

    /** A viridis-like ramp through dark blue, teal and green to yellow. */
    private static Color gradient(double t) {
        int[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double at = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) at);
        double f = at - i;
        return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    private static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return Double.isInfinite(min) ? new double[] {0, 0} : new double[] {min, max};
    }

    private static Color categoryColour(int index) {
        return index < 0 ? Color.LIGHT_GRAY : new Color(PALETTE[index % PALETTE.length]);
    }

    /**
     * Legend entries: the most frequent categories (name order) of the points and the labelled cells
     * together, then "other" (index -1) if any were left out.
     */
    private static Map<String, Integer> categories(SpatialPoints points, BoundaryLayer boundaries, int maxCategories) {
        Map<String, Integer> legend = new LinkedHashMap<>();
        Map<String, Integer> counts = points.labels() == null ? new LinkedHashMap<>() : counts(points.labels());
        if (boundaries != null) {
            boundaries.labels().values().forEach(label -> counts.merge(label, 1, Integer::sum));
        }
        if (counts.isEmpty()) {
            return legend;
        }
        List<String> kept = new ArrayList<>(counts.keySet());
        kept.sort(Comparator.comparing((String c) -> -counts.get(c)).thenComparing(c -> c));
        boolean truncated = kept.size() > maxCategories;
        kept = new ArrayList<>(kept.subList(0, Math.min(maxCategories, kept.size())));
        // clusters numbered 0..n read in numeric order (2 before 10), names alphabetically
        boolean numbered = kept.stream().allMatch(c -> c.matches("-?\\d{1,9}"));
        kept.sort(numbered ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder());
        for (int i = 0; i < kept.size(); i++) {
            legend.put(kept.get(i), i);
        }
        if (truncated) {
            legend.put(OTHER, -1);
        }
        return legend;
    }

    private static Map<String, Integer> counts(String[] labels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String label : labels) {
            counts.merge(label, 1, Integer::sum);
        }
        return counts;
    }
}
