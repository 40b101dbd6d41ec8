package dev.mtasts.dashboard;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CountBarsTest {

    @Test
    void theLargestCountGetsTheLongestBarAndEveryCountIsWrittenOut() {
        String svg = CountBars.svg("Failures", "failures", List.of(Map.entry("certificate-expired", 4L),
            Map.entry("starttls-not-supported", 2L), Map.entry("validation-failure", 0L)));

        assertThat(svg).contains("data-chart=\"failures\"",
            "<g data-label=\"certificate-expired\" data-count=\"4\">",
            "<g data-label=\"starttls-not-supported\" data-count=\"2\">", ">4</text>", ">2</text>", ">0</text>");
        int longest = CountBars.WIDTH - CountBars.LABEL_WIDTH - 60;
        assertThat(svg).contains("width=\"" + longest + "\"", "width=\"" + longest / 2 + "\"", "width=\"0\"");
    }

    @Test
    void labelsAreEscaped() {
        String svg = CountBars.svg("n", "c", List.of(Map.entry("<img src=x onerror=alert(1)>", 1L)));

        assertThat(svg).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}
