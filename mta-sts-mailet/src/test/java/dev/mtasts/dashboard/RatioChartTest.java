package dev.mtasts.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RatioChartTest {

    private static final Pattern BAR = Pattern.compile("<rect class=\"bar\"[^>]* height=\"([0-9.]+)\"[^>]*"
        + "data-value=\"([0-9.]+)\"");

    private static ChartBar bar(String label, double value) {
        return new ChartBar(label, OptionalDouble.of(value), label + " tooltip");
    }

    @Test
    void oneBarPerBucketAndAFaintTickWhereNothingWasCounted() {
        String svg = RatioChart.svg("Encrypted delivery", "encryptedDelivery", "24h", List.of(
            bar("10:00", 1.0), new ChartBar("11:00", OptionalDouble.empty(), "no mail"), bar("12:00", 0.5)));

        assertThat(svg).startsWith("<svg class=\"chart\"").endsWith("</svg>");
        assertThat(svg).contains("data-figure=\"encryptedDelivery\"", "data-window=\"24h\"",
            "<title>Encrypted delivery</title>", "<rect class=\"empty\"", "<title>no mail</title>");
        Matcher bars = BAR.matcher(svg);
        assertThat(bars.find()).isTrue();
        assertThat(bars.group(2)).isEqualTo("1");
        double full = Double.parseDouble(bars.group(1));
        assertThat(bars.find()).isTrue();
        assertThat(bars.group(2)).isEqualTo("0.5");
        assertThat(Double.parseDouble(bars.group(1))).isEqualTo(full / 2);
        assertThat(bars.find()).isFalse();
    }

    @ParameterizedTest(name = "{0} is drawn as {1}")
    @CsvSource({"-0.5, 0", "1.5, 1", "0.25, 0.25"})
    void valuesAreClampedToZeroAndOne(double value, String drawn) {
        String svg = RatioChart.svg("x", "x", "x", List.of(bar("a", value)));

        assertThat(svg).contains("data-value=\"" + drawn + "\"");
    }

    @Test
    void labelsAndNamesAreEscaped() {
        String svg = RatioChart.svg("<b>name</b>", "f\"", "w", List.of(bar("<script>", 0.3)));

        assertThat(svg).doesNotContain("<script>", "<b>", "f\"\"");
        assertThat(svg).contains("&lt;script&gt;", "&lt;b&gt;name&lt;/b&gt;", "data-figure=\"f&quot;\"");
    }

    @Test
    void anEmptySeriesIsAnEmptyChart() {
        assertThat(RatioChart.svg("x", "x", "x", List.of())).doesNotContain("<rect");
    }
}
