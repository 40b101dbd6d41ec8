package dev.mtasts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8461 §3.2: policy text in, {@link Policy} or every syntax error out. */
class PolicyParserTest {

    private static final String HEADER = "version: STSv1\nmode: enforce\n";
    private static final String LABEL_63 = "a".repeat(63);
    /** Three labels of 63 characters and one of 61, with the dots: 3 * 64 + 61 = 253. */
    private static final String HOST_253 = LABEL_63 + "." + LABEL_63 + "." + LABEL_63 + "." + "b".repeat(61);

    record Valid(String name, String text, Policy expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Invalid(String name, String text, List<String> errors) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Valid> validPolicies() {
        return Stream.of(
                valid("minimal enforce", lf("version: STSv1", "mode: enforce", "mx: mx.example.com", "max_age: 86400"),
                        enforce(86400, "mx.example.com")),
                valid("testing", lf("version: STSv1", "mode: testing", "mx: mx.example.com", "max_age: 604800"),
                        new Policy(Mode.TESTING, patterns("mx.example.com"), 604800)),
                valid("none without mx", lf("version: STSv1", "mode: none", "max_age: 86400"),
                        new Policy(Mode.NONE, List.of(), 86400)),
                valid("none with mx", lf("version: STSv1", "mode: none", "mx: mx.example.com", "max_age: 1"),
                        new Policy(Mode.NONE, patterns("mx.example.com"), 1)),
                valid("CRLF line ends",
                        "version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmax_age: 86400\r\n",
                        enforce(86400, "mx.example.com")),
                valid("mixed CRLF and LF line ends",
                        "version: STSv1\r\nmode: enforce\nmx: mx.example.com\r\nmax_age: 86400\n",
                        enforce(86400, "mx.example.com")),
                valid("last line without terminator",
                        "version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 86400",
                        enforce(86400, "mx.example.com")),
                valid("trailing spaces and tabs ignored",
                        "version: STSv1 \nmode: enforce\t\nmx: mx.example.com \t \r\nmax_age: 86400  ",
                        enforce(86400, "mx.example.com")),
                valid("no space after colon", lf("version:STSv1", "mode:enforce", "mx:mx.example.com", "max_age:5"),
                        enforce(5, "mx.example.com")),
                valid("tab after colon", lf("version:\tSTSv1", "mode:\tenforce", "mx:\tmx.example.com", "max_age:\t5"),
                        enforce(5, "mx.example.com")),
                valid("several spaces and tabs after colon", lf("version: \t STSv1", "mode:  enforce",
                        "mx:\t\t mx.example.com", "max_age:   5"), enforce(5, "mx.example.com")),
                valid("fields in any order", lf("max_age: 5", "mx: mx.example.com", "mode: enforce", "version: STSv1"),
                        enforce(5, "mx.example.com")),
                valid("max_age 0", HEADER + lf("mx: mx.example.com", "max_age: 0"), enforce(0, "mx.example.com")),
                valid("max_age 31557600", HEADER + lf("mx: mx.example.com", "max_age: 31557600"),
                        enforce(31_557_600, "mx.example.com")),
                valid("max_age with leading zeros, 10 digits", HEADER + lf("mx: mx.example.com", "max_age: 0000086400"),
                        enforce(86400, "mx.example.com")),
                valid("repeated mode: first wins", lf("version: STSv1", "mode: enforce", "mode: testing",
                        "mx: mx.example.com", "max_age: 5"), enforce(5, "mx.example.com")),
                valid("repeated max_age: first wins", HEADER + lf("mx: mx.example.com", "max_age: 5", "max_age: 10"),
                        enforce(5, "mx.example.com")),
                valid("repeated version: first wins, later STSv2 ignored", lf("version: STSv1", "version: STSv2",
                        "mode: enforce", "mx: mx.example.com", "max_age: 5"), enforce(5, "mx.example.com")),
                valid("later duplicate with a malformed value is ignored", lf("version: STSv1", "mode: enforce",
                        "mode: Enforce", "max_age: 5", "max_age: -1", "mx: mx.example.com"),
                        enforce(5, "mx.example.com")),
                valid("several mx, in order", HEADER + lf("mx: mx1.example.com", "mx: mx2.example.com",
                        "mx: backup.example.net", "max_age: 5"),
                        enforce(5, "mx1.example.com", "mx2.example.com", "backup.example.net")),
                valid("mx wildcard", HEADER + lf("mx: *.example.com", "max_age: 5"), enforce(5, "*.example.com")),
                valid("mx in upper case is stored lower-cased", HEADER + lf("mx: MX.Example.COM", "max_age: 5"),
                        enforce(5, "mx.example.com")),
                valid("mx IDN A-label", HEADER + lf("mx: mx.xn--bcher-kva.example", "max_age: 5"),
                        enforce(5, "mx.xn--bcher-kva.example")),
                valid("mx single label", HEADER + lf("mx: localhost", "max_age: 5"), enforce(5, "localhost")),
                valid("mx with digits and inner hyphens", HEADER + lf("mx: mx-1.2example-3.com", "max_age: 5"),
                        enforce(5, "mx-1.2example-3.com")),
                valid("mx of 63-character labels, 253 characters", HEADER + lf("mx: " + HOST_253, "max_age: 5"),
                        enforce(5, HOST_253)),
                valid("mx wildcard before a 253-character host name", HEADER + lf("mx: *." + HOST_253, "max_age: 5"),
                        enforce(5, "*." + HOST_253)),
                valid("unknown field ignored", HEADER + lf("mx: mx.example.com", "comment: hello  there", "max_age: 5"),
                        enforce(5, "mx.example.com")),
                valid("unknown field with punctuation and UTF-8 ignored",
                        HEADER + lf("mx: mx.example.com", "a.b-c_9: x=y; z,\u00e9\u4e2d\ud83d\ude00", "max_age: 5"),
                        enforce(5, "mx.example.com")),
                valid("unknown field name of 32 characters", HEADER + lf("mx: mx.example.com",
                        "x".repeat(32) + ": 1", "max_age: 5"), enforce(5, "mx.example.com")),
                valid("field differing from a known one in case is unknown and ignored", HEADER
                        + lf("Mode: testing", "MX: other.example.com", "mx: mx.example.com", "max_age: 5"),
                        enforce(5, "mx.example.com")),
                valid("one trailing empty line", HEADER + lf("mx: mx.example.com", "max_age: 5", ""),
                        enforce(5, "mx.example.com")),
                valid("several trailing empty and blank lines", HEADER + "mx: mx.example.com\nmax_age: 5\n\r\n \t\n\n",
                        enforce(5, "mx.example.com")),
                valid("very long line of an unknown field", HEADER + lf("mx: mx.example.com",
                        "ext: " + "v".repeat(100_000), "max_age: 5"), enforce(5, "mx.example.com")),
                valid("RFC 8461 §3.2 example", lf("version: STSv1", "mode: enforce", "mx: mail.example.com",
                        "mx: *.example.net", "mx: backupmx.example.com", "max_age: 604800"),
                        enforce(604800, "mail.example.com", "*.example.net", "backupmx.example.com")));
    }

    static Stream<Invalid> invalidPolicies() {
        return Stream.of(
                invalid("empty text", "",
                        "policy: missing \"version\"", "policy: missing \"mode\"", "policy: missing \"max_age\""),
                invalid("only empty lines", "\n\r\n  \n",
                        "policy: missing \"version\"", "policy: missing \"mode\"", "policy: missing \"max_age\""),
                invalid("missing version", lf("mode: enforce", "mx: mx.example.com", "max_age: 5"),
                        "policy: missing \"version\""),
                invalid("missing mode", lf("version: STSv1", "mx: mx.example.com", "max_age: 5"),
                        "policy: missing \"mode\""),
                invalid("missing max_age", HEADER + lf("mx: mx.example.com"), "policy: missing \"max_age\""),
                invalid("enforce without mx", HEADER + lf("max_age: 5"),
                        "policy: no \"mx\", which mode enforce requires"),
                invalid("testing without mx", lf("version: STSv1", "mode: testing", "max_age: 5"),
                        "policy: no \"mx\", which mode testing requires"),
                invalid("version in the wrong case", lf("version: stsv1", "mode: none", "max_age: 5"),
                        "line 1: version must be \"STSv1\", not \"stsv1\""),
                invalid("version STSv2", lf("version: STSv2", "mode: none", "max_age: 5"),
                        "line 1: version must be \"STSv1\", not \"STSv2\""),
                invalid("field name Version is not version", lf("Version: STSv1", "mode: none", "max_age: 5"),
                        "policy: missing \"version\" (field names are case-sensitive; line 1 has \"Version\")"),
                invalid("mode Enforce", lf("version: STSv1", "mode: Enforce", "mx: mx.example.com", "max_age: 5"),
                        "line 2: mode must be enforce, testing or none, not \"Enforce\""),
                invalid("mode unknown", lf("version: STSv1", "mode: report", "max_age: 5"),
                        "line 2: mode must be enforce, testing or none, not \"report\""),
                invalid("first mode malformed, later one valid", lf("version: STSv1", "mode: strict",
                        "mode: enforce", "mx: mx.example.com", "max_age: 5"),
                        "line 2: mode must be enforce, testing or none, not \"strict\""),
                invalid("max_age 31557601", HEADER + lf("mx: mx.example.com", "max_age: 31557601"),
                        "line 4: max_age 31557601 is more than 31557600"),
                invalid("max_age of 10 digits over the limit", HEADER + lf("mx: mx.example.com", "max_age: 9999999999"),
                        "line 4: max_age 9999999999 is more than 31557600"),
                invalid("max_age of 11 digits", HEADER + lf("mx: mx.example.com", "max_age: 00000000001"),
                        "line 4: max_age must be 1 to 10 digits, not \"00000000001\""),
                invalid("max_age negative", HEADER + lf("mx: mx.example.com", "max_age: -1"),
                        "line 4: max_age must be 1 to 10 digits, not \"-1\""),
                invalid("max_age with leading +", HEADER + lf("mx: mx.example.com", "max_age: +86400"),
                        "line 4: max_age must be 1 to 10 digits, not \"+86400\""),
                invalid("max_age not a number", HEADER + lf("mx: mx.example.com", "max_age: 1d"),
                        "line 4: max_age must be 1 to 10 digits, not \"1d\""),
                invalid("max_age with non-ASCII digits", HEADER + lf("mx: mx.example.com", "max_age: \u0661\u0662"),
                        "line 4: max_age must be 1 to 10 digits, not \"\\u0661\\u0662\""),
                invalid("max_age with inner space", HEADER + lf("mx: mx.example.com", "max_age: 86 400"),
                        "line 4: max_age must be 1 to 10 digits, not \"86 400\""),
                invalid("space before colon", lf("version: STSv1", "mode : enforce", "mx: mx.example.com",
                        "max_age: 5"), "line 2: whitespace between \"mode\" and ':'", "policy: missing \"mode\""),
                invalid("tab before colon", HEADER + lf("mx\t: mx.example.com", "max_age: 5"),
                        "line 3: whitespace between \"mx\" and ':'", "policy: no \"mx\", which mode enforce requires"),
                invalid("whitespace at the start of a line", HEADER + lf(" mx: mx.example.com", "max_age: 5"),
                        "line 3: whitespace at the start of the line",
                        "policy: no \"mx\", which mode enforce requires"),
                invalid("no colon", HEADER + lf("mx mx.example.com", "max_age: 5"),
                        "line 3: no ':' after \"mx\"", "policy: no \"mx\", which mode enforce requires"),
                invalid("no field name", HEADER + lf("mx: mx.example.com", ": 5", "max_age: 5"),
                        "line 4: no field name before ':'"),
                invalid("empty value", HEADER + lf("mx: mx.example.com", "max_age:"),
                        "line 4: field \"max_age\" has no value", "policy: missing \"max_age\""),
                invalid("value of only whitespace", HEADER + lf("mx: \t ", "max_age: 5"),
                        "line 3: field \"mx\" has no value", "policy: no \"mx\", which mode enforce requires"),
                invalid("empty line between fields", lf("version: STSv1", "mode: enforce", "", "mx: mx.example.com",
                        "max_age: 5"), "line 3: empty line between fields"),
                invalid("several empty lines between fields", "version: STSv1\nmode: enforce\n\r\n \nmx: a.example\n"
                        + "max_age: 5\n", "line 3: empty line between fields", "line 4: empty line between fields"),
                invalid("empty first line", lf("", "version: STSv1", "mode: none", "max_age: 5"),
                        "line 1: empty line between fields"),
                invalid("lone CR inside a line", "version: STSv1\nmode: enforce\rmx: mx.example.com\nmax_age: 5\n",
                        "line 2: carriage return not followed by line feed", "policy: missing \"mode\""),
                invalid("lone CR as line end", "version: STSv1\rmode: none\rmax_age: 5\r",
                        "line 1: carriage return not followed by line feed",
                        "policy: missing \"version\"", "policy: missing \"mode\"", "policy: missing \"max_age\""),
                invalid("CR CR LF", HEADER + "mx: mx.example.com\r\r\nmax_age: 5\n",
                        "line 3: carriage return not followed by line feed",
                        "policy: no \"mx\", which mode enforce requires"),
                invalid("CR at the end of the unterminated last line", HEADER + "mx: mx.example.com\nmax_age: 5\r",
                        "line 4: carriage return not followed by line feed", "policy: missing \"max_age\""),
                invalid("byte order mark at the start", "\ufeff" + HEADER + lf("mx: mx.example.com", "max_age: 5"),
                        "line 1: byte order mark (U+FEFF) before the first field"),
                invalid("mx *. alone", HEADER + lf("mx: *.", "max_age: 5"), "line 3: mx no host name after \"*.\""),
                invalid("mx * alone", HEADER + lf("mx: *", "max_age: 5"), "line 3: mx \"*\": '*' is allowed only "
                        + "as the whole left-most label, as in \"*.example.com\""),
                invalid("mx **.", HEADER + lf("mx: **.example.com", "max_age: 5"), "line 3: mx \"**.example.com\": "
                        + "'*' is allowed only as the whole left-most label, as in \"*.example.com\""),
                invalid("mx *.*.", HEADER + lf("mx: *.*.example.com", "max_age: 5"), "line 3: mx \"*.*.example.com\": "
                        + "'*' is allowed only as the whole left-most label, as in \"*.example.com\""),
                invalid("mx wildcard inside", HEADER + lf("mx: mx*.example.com", "max_age: 5"),
                        "line 3: mx \"mx*.example.com\": "
                                + "'*' is allowed only as the whole left-most label, as in \"*.example.com\""),
                invalid("mx with underscore", HEADER + lf("mx: mx_1.example.com", "max_age: 5"),
                        "line 3: mx \"mx_1.example.com\": invalid character '_' (only letters, digits and '-')"),
                invalid("mx with trailing dot", HEADER + lf("mx: mx.example.com.", "max_age: 5"),
                        "line 3: mx \"mx.example.com.\" must not end with '.'"),
                invalid("mx U-label", HEADER + lf("mx: mx.b\u00fccher.example", "max_age: 5"),
                        "line 3: mx must be an A-label (xn--) host name, not a U-label: \"mx.b\\u00FCcher.example\""),
                invalid("mx label starting with hyphen", HEADER + lf("mx: -mx.example.com", "max_age: 5"),
                        "line 3: mx \"-mx.example.com\": label \"-mx\" starts or ends with '-'"),
                invalid("mx label ending with hyphen", HEADER + lf("mx: mx.example-.com", "max_age: 5"),
                        "line 3: mx \"mx.example-.com\": label \"example-\" starts or ends with '-'"),
                invalid("mx empty label", HEADER + lf("mx: mx..example.com", "max_age: 5"),
                        "line 3: mx \"mx..example.com\": empty label"),
                invalid("mx leading dot", HEADER + lf("mx: .example.com", "max_age: 5"),
                        "line 3: mx \".example.com\": empty label"),
                invalid("mx label of 64 characters", HEADER + lf("mx: " + "a".repeat(64) + ".example", "max_age: 5"),
                        "line 3: mx \"" + "a".repeat(64) + "...\": label longer than 63 characters"),
                invalid("mx of 254 characters", HEADER + lf("mx: a" + HOST_253, "max_age: 5"),
                        "line 3: mx host name is longer than 253 characters"),
                invalid("mx with a space inside", HEADER + lf("mx: mx.example.com backup.example.com", "max_age: 5"),
                        "line 3: mx \"mx.example.com backup.example.com\": invalid character ' ' (only letters, "
                                + "digits and '-')"),
                invalid("malformed mx is an error in mode none too", lf("version: STSv1", "mode: none",
                        "mx: mx_1.example.com", "max_age: 5"),
                        "line 3: mx \"mx_1.example.com\": invalid character '_' (only letters, digits and '-')"),
                invalid("unknown field name starting with underscore", HEADER + lf("mx: a.example", "_ext: 1",
                        "max_age: 5"), "line 4: field name \"_ext\" must start with a letter or digit"),
                invalid("unknown field name of 33 characters", HEADER + lf("mx: a.example", "x".repeat(33) + ": 1",
                        "max_age: 5"), "line 4: field name \"" + "x".repeat(33) + "\" is longer than 32 characters"),
                invalid("unknown field name with invalid character", HEADER + lf("mx: a.example", "fo@o: 1",
                        "max_age: 5"), "line 4: invalid character '@' in field name \"fo\""),
                invalid("unknown field with a tab inside the value", HEADER + lf("mx: a.example", "ext: a\tb",
                        "max_age: 5"), "line 4: field \"ext\": tab inside the value"),
                invalid("unknown field with a control character", HEADER + lf("mx: a.example", "ext: a\u0000b",
                        "max_age: 5"), "line 4: field \"ext\": control character \\u0000 in the value"),
                invalid("unknown field with DEL", HEADER + lf("mx: a.example", "ext: a\u007fb", "max_age: 5"),
                        "line 4: field \"ext\": control character \\u007F in the value"),
                invalid("unknown field with an unpaired surrogate", HEADER + lf("mx: a.example", "ext: a\ud800b",
                        "max_age: 5"), "line 4: field \"ext\": unpaired surrogate \\uD800 in the value"),
                invalid("later duplicate still checked as a line", HEADER + lf("mx: a.example", "max_age: 5",
                        "mode:\u0007enforce"), "line 5: field \"mode\": control character \\u0007 in the value"),
                invalid("errors reported on the right lines, all of them", lf("version: STSv1", "mode: Testing",
                        "mx: a.example", "mx: b_c.example", "", "max_age: 99999999999"),
                        "line 2: mode must be enforce, testing or none, not \"Testing\"",
                        "line 4: mx \"b_c.example\": invalid character '_' (only letters, digits and '-')",
                        "line 5: empty line between fields",
                        "line 6: max_age must be 1 to 10 digits, not \"99999999999\""),
                invalid("lone CR after many lines", HEADER + lf("mx: a.example", "max_age: 5")
                        + "x: 1\n".repeat(100_000) + "\r", "line 100005: carriage return not followed by line feed"),
                invalid("very long malformed line is quoted short", HEADER + lf("mx: a.example",
                        "x".repeat(100_000) + " 1", "max_age: 5"),
                        "line 4: field name \"" + "x".repeat(64) + "...\" is longer than 32 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPolicies")
    void parsesValidPolicy(Valid testCase) throws PolicySyntaxException {
        assertThat(PolicyParser.parse(testCase.text())).isEqualTo(testCase.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void reportsEverySyntaxError(Invalid testCase) {
        assertThatThrownBy(() -> PolicyParser.parse(testCase.text()))
                .isInstanceOfSatisfying(PolicySyntaxException.class,
                        e -> assertThat(e.errors()).containsExactlyElementsOf(testCase.errors()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPolicies")
    void wireFormRoundTrips(Valid testCase) throws PolicySyntaxException {
        Policy policy = testCase.expected();

        assertThat(PolicyParser.parse(policy.toString())).isEqualTo(policy);
    }

    @Test
    void wireFormIsCrlfTerminatedKeyValueLines() {
        Policy policy = new Policy(Mode.TESTING, patterns("mx.example.com", "*.example.net"), 86400);

        assertThat(policy.toString()).isEqualTo(
                "version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nmx: *.example.net\r\nmax_age: 86400\r\n");
    }

    @Test
    void stopsListingAfterTheErrorLimit() {
        String text = IntStream.rangeClosed(1, 150).mapToObj(i -> "bad line " + i).collect(Collectors.joining("\n"));

        assertThatThrownBy(() -> PolicyParser.parse(text))
                .isInstanceOfSatisfying(PolicySyntaxException.class, e -> {
                    assertThat(e.errors()).hasSize(PolicyParser.MAX_LINE_ERRORS + 1);
                    assertThat(e.errors().get(0)).isEqualTo("line 1: no ':' after \"bad\"");
                    assertThat(e.errors().get(99)).isEqualTo("line 100: no ':' after \"bad\"");
                    assertThat(e.errors().get(100)).isEqualTo("policy: more than 100 errors; stopped reading at line 101");
                });
    }

    @Test
    void everyMessageStartsWithItsPlaceAndStaysOnOneLine() {
        String text = "\ufeffversion: STSv2\r\nmode:\r\n\nmx: \u00e9\u0000\rx\nmax_age: 1\u2028\n";

        assertThatThrownBy(() -> PolicyParser.parse(text))
                .isInstanceOfSatisfying(PolicySyntaxException.class, e -> assertThat(e.errors()).allSatisfy(error -> {
                    assertThat(error).matches("(line [1-9][0-9]*|policy): .*");
                    assertThat(error).doesNotContain("\r", "\n", "\u0000", "\u2028");
                }));
    }

    private static Valid valid(String name, String text, Policy expected) {
        return new Valid(name, text, expected);
    }

    private static Invalid invalid(String name, String text, String... errors) {
        return new Invalid(name, text, List.of(errors));
    }

    /** The lines, each terminated by LF. */
    private static String lf(String... lines) {
        return Arrays.stream(lines).map(line -> line + "\n").collect(Collectors.joining());
    }

    private static Policy enforce(long maxAge, String... mx) {
        return new Policy(Mode.ENFORCE, patterns(mx), maxAge);
    }

    private static List<MxPattern> patterns(String... mx) {
        return Arrays.stream(mx).map(MxPattern::new).toList();
    }
}
