package dev.mtasts.dashboard;

import java.util.Objects;
import java.util.OptionalDouble;

/** One bar of a chart: its label (an hour or a day), its value (empty: nothing counted) and a tooltip. */
public final class ChartBar {

    private final String label;
    private final OptionalDouble value;
    private final String tooltip;

    public ChartBar(String label, OptionalDouble value, String tooltip) {
        this.label = Objects.requireNonNull(label, "label");
        this.value = Objects.requireNonNull(value, "value");
        this.tooltip = Objects.requireNonNull(tooltip, "tooltip");
    }

    public String label() {
        return label;
    }

    public OptionalDouble value() {
        return value;
    }

    public String tooltip() {
        return tooltip;
    }
}
