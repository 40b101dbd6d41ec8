package dev.mtasts.audit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The finding codes are a published interface: unique, named after their area, and all in the README. */
class FindingCodeTest {

    @Test
    void codesAreUniqueAndStartWithTheirArea() {
        assertThat(Arrays.stream(FindingCode.values()).map(FindingCode::code)).doesNotHaveDuplicates();
        for (FindingCode code : FindingCode.values()) {
            assertThat(code.code()).matches("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)+")
                .startsWith(code.area().wireName() + ".");
        }
    }

    @Test
    void theReadmeListsEveryCodeWithItsSeverity() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        String section = text.substring(text.indexOf("## For domain owners"));

        for (FindingCode code : FindingCode.values()) {
            assertThat(section).as("README row for %s", code)
                .contains("| `" + code.code() + "` | " + code.severity().wireName() + " |");
        }
    }
}
