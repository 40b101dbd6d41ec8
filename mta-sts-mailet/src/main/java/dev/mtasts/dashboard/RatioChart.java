package dev.mtasts.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG bar chart of ratios (0 to 1), one bar per hour or day, oldest left. A bucket with nothing counted
 * has no bar, only a faint tick, so "no mail" and "0 %" look different. Each bar carries its label and value as
 * {@code data-} attributes and a {@code <title>} tooltip; the chart is an {@code img} with an accessible name.
 */
public final class RatioChart {

    static final int WIDTH = 240;
    static final int HEIGHT = 48;

    private RatioChart() {
    }

    /** The chart; {@code name} and every bar's label and tooltip are escaped. */
    public static String svg(String name, String dataFigure, String dataWindow, List<ChartBar> bars) {
        StringBuilder svg = new StringBuilder(256 + bars.size() * 160);
        svg.append("<svg class=\"chart\" role=\"img\" width=\"").append(WIDTH)
            .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
            .append(HEIGHT).append("\" data-figure=\"").append(Html.text(dataFigure)).append("\" data-window=\"")
            .append(Html.text(dataWindow)).append("\" aria-label=\"").append(Html.text(name)).append("\">")
            .append("<title>").append(Html.text(name)).append("</title>")
            .append("<line class=\"axis\" x1=\"0\" y1=\"").append(HEIGHT - 0.5).append("\" x2=\"").append(WIDTH)
            .append("\" y2=\"").append(HEIGHT - 0.5).append("\"/>");
        if (!bars.isEmpty()) {
            double slot = (double) WIDTH / bars.size();
            double barWidth = Math.max(1, slot - Math.min(2, slot / 4));
            for (int i = 0; i < bars.size(); i++) {
                ChartBar bar = bars.get(i);
                double x = i * slot;
                if (bar.value().isEmpty()) {
                    svg.append("<rect class=\"empty\" x=\"").append(number(x)).append("\" y=\"").append(HEIGHT - 2)
                        .append("\" width=\"").append(number(barWidth)).append("\" height=\"2\" data-label=\"")
                        .append(Html.text(bar.label())).append("\"><title>").append(Html.text(bar.tooltip()))
                        .append("</title></rect>");
                    continue;
                }
                double value = Math.max(0, Math.min(1, bar.value().getAsDouble()));
                double height = Math.max(1, value * (HEIGHT - 4));
                svg.append("<rect class=\"bar\" x=\"").append(number(x)).append("\" y=\"")
                    .append(number(HEIGHT - 1 - height)).append("\" width=\"").append(number(barWidth))
                    .append("\" height=\"").append(number(height)).append("\" data-label=\"")
                    .append(Html.text(bar.label())).append("\" data-value=\"").append(number(value))
                    .append("\"><title>").append(Html.text(bar.tooltip())).append("</title></rect>");
            }
        }
        return svg.append("</svg>").toString();
    }

    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
