package dev.mtasts.dashboard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain domain            | example.com                    | example.com",
        "script element          | <script>alert(1)</script>      | &lt;script&gt;alert(1)&lt;/script&gt;",
        "attribute break-out     | `x\" onmouseover=\"alert(1)`     | x&quot; onmouseover=&quot;alert(1)",
        "single-quoted attribute | `x' y='z`                      | x&#39; y=&#39;z",
        "existing reference      | a&amp;b                        | a&amp;amp;b",
        "non-ASCII kept          | bücher.example                 | bücher.example",
    })
    void escapesWhatCouldEndTextOrAnAttribute(String name, String raw, String escaped) {
        assertThat(Html.text(raw)).isEqualTo(escaped);
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"0", "1b", "7f"})
    void controlCharactersBecomeReplacementCharacters(String hex) {
        char control = (char) Integer.parseInt(hex, 16);

        assertThat(Html.text("a" + control + "b")).isEqualTo("a\uFFFDb");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tab, '\t'", "new line, '\n'"})
    void whitespaceIsKept(String name, String whitespace) {
        assertThat(Html.text("a" + whitespace + "b")).isEqualTo("a" + whitespace + "b");
    }
}
