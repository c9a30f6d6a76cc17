package org.spatialx.shell.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A volcano plot of differentially expressed genes: log2 fold change across, -log10 p-value up; genes
 * past both thresholds red (up in group 1) or blue (down), the others grey; the top genes named on the plot
 * and listed in a table on its right.
 */
public final class VolcanoRenderer {

    private static final Color UP = new Color(0xd62728);
    private static final Color DOWN = new Color(0x1f77b4);
    private static final Color NOT_SIGNIFICANT = new Color(0xbbbbbb);

    private VolcanoRenderer() {
    }

    /**
     * How to draw.
     *
     * @param title      the title over the plot
     * @param pLabel     what the p-values are ({@code adjusted p-value}), for the y axis
     * @param width      the picture width in pixels
     * @param height     the picture height in pixels
     * @param foldChange the |log2 fold change| a gene must reach to be coloured
     * @param pValue     the p-value a gene must be below to be coloured
     * @param top        how many of the most significant coloured genes are named and listed
     */
    public record Options(String title, String pLabel, int width, int height, double foldChange, double pValue,
            int top) {
    }

    /** A gene of the top-genes table. */
    public record TopGene(String gene, double log2FoldChange, double pValue) {
    }

    /** What was drawn: the genes up and down past the thresholds and the named top genes. */
    public record Summary(Path output, int genes, int up, int down, List<TopGene> top) {
    }

    /**
     * Draws the genes to {@code output}. A p-value of 0 (below the smallest double) is drawn at the top of
     * the axis, with the smallest non-zero p-value's height plus a tenth of the range; NaN genes are left out.
     */
    public static Summary render(List<String> genes, double[] log2FoldChange, double[] pValues, Options options,
            Path output) throws IOException {
        if (genes.size() != log2FoldChange.length || genes.size() != pValues.length) {
            throw new IllegalArgumentException("a volcano plot needs one fold change and one p-value per gene: "
                    + genes.size() + " genes, " + log2FoldChange.length + " fold changes, " + pValues.length + " p-values");
        }
        int[] drawn = IntStream.range(0, genes.size())
                .filter(i -> !Double.isNaN(log2FoldChange[i]) && !Double.isNaN(pValues[i])).toArray();
        if (drawn.length == 0) {
            throw new IllegalArgumentException("Nothing to draw: no gene has both a fold change and a p-value");
        }
        double smallest = IntStream.of(drawn).mapToDouble(i -> pValues[i]).filter(p -> p > 0).min().orElse(1e-300);
        double ceiling = -Math.log10(smallest);
        double[] height = new double[genes.size()];
        double maxY = 1;
        double maxX = 1;
        for (int i : drawn) {
            height[i] = pValues[i] > 0 ? -Math.log10(pValues[i]) : ceiling + 0.1 * Math.max(ceiling, 1);
            maxY = Math.max(maxY, height[i]);
            maxX = Math.max(maxX, Math.abs(log2FoldChange[i]));
        }
        int up = 0;
        int down = 0;
        List<Integer> significant = new ArrayList<>();
        for (int i : drawn) {
            int side = side(log2FoldChange[i], pValues[i], options);
            if (side != 0) {
                significant.add(i);
                up += side > 0 ? 1 : 0;
                down += side < 0 ? 1 : 0;
            }
        }
        significant.sort(Comparator.comparingDouble((Integer i) -> pValues[i])
                .thenComparingDouble(i -> -Math.abs(log2FoldChange[i])));
        List<TopGene> top = new ArrayList<>();
        for (int i : significant.subList(0, Math.min(options.top(), significant.size()))) {
            top.add(new TopGene(genes.get(i), log2FoldChange[i], pValues[i]));
        }

        BufferedImage image = new BufferedImage(options.width(), options.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = SpatialRenderer.canvas(image);
        try {
            Font font = g.getFont();
            Font small = font.deriveFont(11f);
            FontMetrics metrics = g.getFontMetrics();
            int tableWidth = top.isEmpty() ? 0 : 300;
            int left = 70;
            int top0 = 50;
            int right = options.width() - 30 - tableWidth;
            int bottom = options.height() - 60;
            double spanX = maxX * 1.08;
            double spanY = maxY * 1.06;
            double plotW = right - left;
            double plotH = bottom - top0;
            Mapping at = new Mapping(left, top0, plotW, plotH, spanX, spanY);

            g.setColor(Color.BLACK);
            g.drawRect(left, top0, (int) plotW, (int) plotH);
            for (int t = 0; t <= 4; t++) {
                double x = -spanX + t * spanX / 2;
                int px = (int) Math.round(at.x(x));
                g.drawLine(px, bottom, px, bottom + 5);
                String text = SpatialRenderer.tick(x);
                g.drawString(text, px - metrics.stringWidth(text) / 2, bottom + 20);
                double y = t * spanY / 4;
                int py = (int) Math.round(at.y(y));
                g.drawLine(left - 5, py, left, py);
                String yText = SpatialRenderer.tick(y);
                g.drawString(yText, left - 8 - metrics.stringWidth(yText), py + 5);
            }
            // the thresholds, dashed
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            double threshold = -Math.log10(options.pValue());
            if (threshold < spanY) {
                g.draw(new Line2D.Double(left, at.y(threshold), right, at.y(threshold)));
            }
            for (double x : new double[] {-options.foldChange(), options.foldChange()}) {
                if (Math.abs(x) < spanX) {
                    g.draw(new Line2D.Double(at.x(x), top0, at.x(x), bottom));
                }
            }
            g.setStroke(new BasicStroke(1f));
            // grey first, so the coloured genes stay on top
            for (int pass = 0; pass < 2; pass++) {
                for (int i : drawn) {
                    int side = side(log2FoldChange[i], pValues[i], options);
                    if ((side == 0) != (pass == 0)) {
                        continue;
                    }
                    g.setColor(side > 0 ? UP : side < 0 ? DOWN : NOT_SIGNIFICANT);
                    g.fill(new Ellipse2D.Double(at.x(log2FoldChange[i]) - 3, at.y(height[i]) - 3, 6, 6));
                }
            }
            g.setFont(small);
            FontMetrics smallMetrics = g.getFontMetrics();
            g.setColor(Color.BLACK);
            // names beside their points where they overlap no other name (the table lists them all)
            List<Rectangle2D> placed = new ArrayList<>();
            int textHeight = smallMetrics.getAscent();
            for (TopGene gene : top) {
                int i = genes.indexOf(gene.gene());
                double px = at.x(gene.log2FoldChange());
                double py = at.y(height[i]);
                int textWidth = smallMetrics.stringWidth(gene.gene());
                double outer = gene.log2FoldChange() >= 0 ? px + 5 : px - 5 - textWidth;
                double inner = gene.log2FoldChange() >= 0 ? px - 5 - textWidth : px + 5;
                double[][] candidates = {{outer, py + textHeight / 2.0 - 1}, {outer, py - 4}, {outer, py + textHeight + 2},
                    {px - textWidth / 2.0, py - 6}, {px - textWidth / 2.0, py + textHeight + 6}, {inner, py + textHeight / 2.0 - 1}};
                for (double[] at2 : candidates) {
                    Rectangle2D box = new Rectangle2D.Double(at2[0] - 1, at2[1] - textHeight, textWidth + 2, textHeight + 2);
                    boolean inside = box.getMinX() > left && box.getMaxX() < right && box.getMinY() > top0
                            && box.getMaxY() < bottom;
                    if (inside && placed.stream().noneMatch(box::intersects)) {
                        placed.add(box);
                        g.drawString(gene.gene(), (float) at2[0], (float) at2[1]);
                        break;
                    }
                }
            }

            g.setFont(font.deriveFont(Font.BOLD, 16f));
            g.drawString(options.title(), left, top0 - 20);
            g.setFont(font);
            String xLabel = "log2 fold change (group 1 / group 2)";
            g.drawString(xLabel, (int) (left + plotW / 2 - metrics.stringWidth(xLabel) / 2.0), bottom + 45);
            String yLabel = "-log10 " + options.pLabel();
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, (int) -(top0 + plotH / 2 + metrics.stringWidth(yLabel) / 2.0), 18);
            g.setTransform(saved);
            String counts = String.format(Locale.ROOT, "%,d up, %,d down of %,d genes (|log2 FC| >= %s, %s < %s)",
                    up, down, drawn.length, SpatialRenderer.tick(options.foldChange()), options.pLabel(),
                    options.pValue());
            g.setFont(small);
            g.drawString(counts, left, top0 - 5);

            if (!top.isEmpty()) {
                int tx = right + 25;
                int ty = top0 + 10;
                g.setFont(font.deriveFont(Font.BOLD));
                g.drawString("Top genes", tx, ty);
                ty += 20;
                g.setFont(small);
                g.drawString("gene", tx, ty);
                g.drawString("log2 FC", tx + 130, ty);
                g.drawString(options.pLabel().startsWith("adjusted") ? "adj. p" : "p", tx + 200, ty);
                g.drawLine(tx, ty + 4, tx + tableWidth - 30, ty + 4);
                for (TopGene gene : top) {
                    ty += 16;
                    if (ty > bottom) {
                        break;
                    }
                    g.setColor(gene.log2FoldChange() > 0 ? UP : DOWN);
                    g.fillOval(tx - 10, ty - 8, 6, 6);
                    g.setColor(Color.BLACK);
                    g.drawString(clip(gene.gene(), 18), tx, ty);
                    g.drawString(String.format(Locale.ROOT, "%.2f", gene.log2FoldChange()), tx + 130, ty);
                    g.drawString(String.format(Locale.ROOT, "%.1e", gene.pValue()), tx + 200, ty);
                }
            }
        } finally {
            g.dispose();
        }
        Path absolute = SpatialRenderer.writePng(image, output);
        return new Summary(absolute, drawn.length, up, down, List.copyOf(top));
    }

    /** +1 up, -1 down, 0 not past both thresholds. */
    private static int side(double log2FoldChange, double pValue, Options options) {
        if (pValue >= options.pValue() || Math.abs(log2FoldChange) < options.foldChange()) {
            return 0;
        }
        return log2FoldChange > 0 ? 1 : -1;
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    /** Data to pixels: x from -spanX to spanX, y from 0 up to spanY. */
    private record Mapping(int left, int top, double width, double height, double spanX, double spanY) {
        double x(double value) {
            return left + (value + spanX) / (2 * spanX) * width;
        }

        double y(double value) {
            return top + height - value / spanY * height;
        }
    }
}
