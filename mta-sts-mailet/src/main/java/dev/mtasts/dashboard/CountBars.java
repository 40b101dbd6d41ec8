package dev.mtasts.dashboard;

import java.util.List;
import java.util.Map;

/**
 * An inline SVG chart of counts as horizontal bars, one per label, longest for the largest count: failures by
 * result type, sessions by lane. Labels and counts are written as text next to the bars, so the chart reads without
 * colour.
 */
public final class CountBars {

    static final int WIDTH = 420;
    static final int ROW = 18;
    static final int LABEL_WIDTH = 190;

    private CountBars() {
    }

    /** The chart of {@code counts} in their order; {@code name} and the labels are escaped. */
    public static String svg(String name, String dataChart, List<Map.Entry<String, Long>> counts) {
        long max = 1;
        for (Map.Entry<String, Long> entry : counts) {
            max = Math.max(max, entry.getValue());
        }
        int height = Math.max(ROW, counts.size() * ROW);
        StringBuilder svg = new StringBuilder(256 + counts.size() * 200);
        svg.append("<svg class=\"bars\" role=\"img\" width=\"").append(WIDTH)
            .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
            .append(height).append("\" data-chart=\"").append(Html.text(dataChart)).append("\" aria-label=\"")
            .append(Html.text(name)).append("\"><title>").append(Html.text(name)).append("</title>");
        int barSpace = WIDTH - LABEL_WIDTH - 60;
        for (int i = 0; i < counts.size(); i++) {
            Map.Entry<String, Long> entry = counts.get(i);
            int y = i * ROW;
            double length = entry.getValue() == 0 ? 0 : Math.max(1, (double) entry.getValue() / max * barSpace);
            svg.append("<g data-label=\"").append(Html.text(entry.getKey())).append("\" data-count=\"")
                .append(entry.getValue()).append("\">")
                .append("<text x=\"0\" y=\"").append(y + 13).append("\">").append(Html.text(entry.getKey()))
                .append("</text>")
                .append("<rect class=\"bar\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 3)
                .append("\" width=\"").append(RatioChart.number(length)).append("\" height=\"").append(ROW - 6)
                .append("\"/>")
                .append("<text x=\"").append(RatioChart.number(LABEL_WIDTH + length + 4)).append("\" y=\"")
                .append(y + 13).append("\">").append(entry.getValue()).append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }
}
