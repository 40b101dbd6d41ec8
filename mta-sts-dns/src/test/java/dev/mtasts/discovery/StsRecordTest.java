package dev.mtasts.discovery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** RFC 8461 §3.1: the {@code _mta-sts} TXT record grammar, case by case. */
class StsRecordTest {

    private static final String ID_32 = "abcdefghijklmnopqrstuvwxyz012345";
    private static final String NAME_32 = "e" + "x".repeat(31);

    static Stream<Arguments> validRecords() {
        return Stream.of(
                valid("minimal with trailing ;", "v=STSv1; id=20160831085700Z;", "20160831085700Z"),
                valid("without trailing ;", "v=STSv1; id=20160831085700Z", "20160831085700Z"),
                valid("no whitespace at all", "v=STSv1;id=abc", "abc"),
                valid("no whitespace, trailing ;", "v=STSv1;id=abc;", "abc"),
                valid("space before ;", "v=STSv1 ;id=abc", "abc"),
                valid("tabs around ;", "v=STSv1\t;\tid=abc\t;\t", "abc"),
                valid("several spaces around ;", "v=STSv1   ;   id=abc   ;   ", "abc"),
                valid("trailing ; then spaces", "v=STSv1; id=abc;  ", "abc"),
                valid("id of 1 character", "v=STSv1; id=a", "a"),
                valid("id of 32 characters", "v=STSv1; id=" + ID_32 + ";", ID_32),
                valid("id of digits only", "v=STSv1; id=20240101", "20240101"),
                valid("id in mixed case", "v=STSv1; id=AbC123xYz;", "AbC123xYz"),
                valid("strings joined without a space", "v=STSv1;" + "id=1;", "1"),
                valid("one extension", "v=STSv1; id=1; ext=value", "1", "ext", "value"),
                valid("extension then trailing ;", "v=STSv1; id=1; ext=value;", "1", "ext", "value"),
                valid("extension with whitespace around its ;", "v=STSv1; id=1 ; ext=x ; ", "1", "ext", "x"),
                valid("two extensions keep their order", "v=STSv1; id=1; b=2; a=1;", "1", "b", "2", "a", "1"),
                valid("extension name of 32 characters", "v=STSv1; id=1; " + NAME_32 + "=x", "1", NAME_32, "x"),
                valid("extension name with _ - and .", "v=STSv1; id=1; a_b-c.d=x", "1", "a_b-c.d", "x"),
                valid("extension name starting with a digit", "v=STSv1; id=1; 1ext=x", "1", "1ext", "x"),
                valid("extension value with every allowed punctuation",
                        "v=STSv1; id=1; p=!\"#$%&'()*+,-./:<>?@[\\]^_`{|}~", "1",
                        "p", "!\"#$%&'()*+,-./:<>?@[\\]^_`{|}~"),
                valid("repeated extension: the first wins", "v=STSv1; id=1; e=1; e=2", "1", "e", "1"),
                valid("ID in upper case after the id is an extension", "v=STSv1; id=1; ID=2", "1", "ID", "2"));
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                invalid("empty string", "", "column 1: the record is empty"),
                invalid("only spaces", "   ", "column 1: expected \"v=STSv1\""),
                invalid("leading space", " v=STSv1; id=1", "column 1: expected \"v=STSv1\" (case-sensitive) at the start, found space"),
                invalid("version in lower case", "v=stsv1; id=1", "column 1: expected \"v=STSv1\""),
                invalid("version 2", "v=STSv2; id=1", "column 1: expected \"v=STSv1\""),
                invalid("version 10", "v=STSv10; id=1", "column 8: expected ';' after \"v=STSv1\", found '0' (unsupported version)"),
                invalid("spaces around = in the version", "v = STSv1; id=1", "column 1"),
                invalid("id before the version", "id=1; v=STSv1", "column 1: expected \"v=STSv1\""),
                invalid("version only", "v=STSv1", "column 8: expected ';' and then \"id=\""),
                invalid("version and ; only", "v=STSv1;", "column 9: missing id"),
                invalid("version, ; and space only", "v=STSv1; ", "column 10: missing id"),
                invalid("space instead of ;", "v=STSv1 id=1", "column 8: expected ';' after \"v=STSv1\", found space"),
                invalid("comma instead of ;", "v=STSv1, id=1", "column 8: expected ';' after \"v=STSv1\", found ','"),
                invalid("line feed after ;", "v=STSv1;\nid=1", "column 9: expected \"id=\" (case-sensitive, no spaces) as the second field, found U+000A"),
                invalid("extension before the id", "v=STSv1; ext=1; id=2", "column 10: expected \"id=\""),
                invalid("ID in upper case", "v=STSv1; ID=1", "column 10: expected \"id=\" (case-sensitive, no spaces) as the second field, found 'I'"),
                invalid("space before = of id", "v=STSv1; id =1", "column 10: expected \"id=\""),
                invalid("space after = of id", "v=STSv1; id= 1", "column 13: whitespace after \"id=\" is not allowed"),
                invalid("empty id then ;", "v=STSv1; id=;", "column 10: id is empty"),
                invalid("empty id at the end", "v=STSv1; id=", "column 10: id is empty"),
                invalid("id of 33 characters", "v=STSv1; id=" + ID_32 + "6", "column 13: id has 33 characters; at most 32 are allowed"),
                invalid("id with -", "v=STSv1; id=2024-01", "column 17: id may contain only ASCII letters and digits, found '-'"),
                invalid("id with _", "v=STSv1; id=a_b", "column 14: id may contain only ASCII letters and digits, found '_'"),
                invalid("id with a non-ASCII letter", "v=STSv1; id=café", "column 16: id may contain only ASCII letters and digits, found U+00E9"),
                invalid("id starting with a non-ASCII letter", "v=STSv1; id=é1", "column 13: id may contain only ASCII letters and digits, found U+00E9"),
                invalid("id followed by NUL", "v=STSv1; id=1\u0000", "column 14: id may contain only ASCII letters and digits, found U+0000"),
                invalid("duplicate id", "v=STSv1; id=1; id=2", "column 16: duplicate id field"),
                invalid("duplicate version", "v=STSv1; id=1; v=STSv1", "column 16: duplicate v field"),
                invalid("trailing space without ;", "v=STSv1; id=1 ", "column 14: whitespace after the id is allowed only before a ';'"),
                invalid("two ; in a row", "v=STSv1; id=1;;", "column 15: expected a field name, found ';'"),
                invalid("; space ;", "v=STSv1; id=1; ;", "column 16: expected a field name, found ';'"),
                invalid("extension with an empty value", "v=STSv1; id=1; ext=", "column 20: field \"ext\" has an empty value"),
                invalid("extension with an empty value then ;", "v=STSv1; id=1; ext=;", "column 20: field \"ext\" has an empty value"),
                invalid("extension value with =", "v=STSv1; id=1; ext=a=b", "column 21: unexpected '=' after field \"ext\""),
                invalid("extension value with a space", "v=STSv1; id=1; ext=a b", "column 21: whitespace after field \"ext\" is allowed only before a ';'"),
                invalid("extension value with a non-ASCII letter", "v=STSv1; id=1; ext=ü", "column 20: field \"ext\" may not contain U+00FC"),
                invalid("extension name starting with _", "v=STSv1; id=1; _ext=1", "column 16: field name \"_ext\" must start with a letter or digit"),
                invalid("extension name of 33 characters", "v=STSv1; id=1; " + NAME_32 + "y=1", "column 16: field name \"" + NAME_32 + "y\" is longer than 32 characters"),
                invalid("extension name without =", "v=STSv1; id=1; ext", "column 19: expected '=' after field name \"ext\", found end of record"),
                invalid("space before = of an extension", "v=STSv1; id=1; ext =1", "column 19: expected '=' after field name \"ext\", found space"),
                invalid("space after = of an extension", "v=STSv1; id=1; ext= 1", "column 20: whitespace after '=' in field \"ext\" is not allowed"),
                invalid("extension name with a non-ASCII letter", "v=STSv1; id=1; é=1", "column 16: expected a field name, found U+00E9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRecords")
    void parsesValidRecord(String description, String text, StsRecord expected) throws RecordSyntaxException {
        StsRecord parsed = StsRecord.parse(text);

        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.extensions().keySet()).containsExactlyElementsOf(expected.extensions().keySet());
        assertThat(StsRecord.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void rejectsInvalidRecord(String description, String text, String messagePart) {
        assertThatThrownBy(() -> StsRecord.parse(text))
                .isInstanceOf(RecordSyntaxException.class)
                .hasMessageStartingWith("Invalid MTA-STS record at ")
                .hasMessageContaining(messagePart);
    }

    private static Arguments valid(String description, String text, String id, String... extensionPairs) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (int i = 0; i < extensionPairs.length; i += 2) {
            extensions.put(extensionPairs[i], extensionPairs[i + 1]);
        }
        return arguments(description, text, new StsRecord(id, extensions));
    }

    private static Arguments invalid(String description, String text, String messagePart) {
        return arguments(description, text, messagePart);
    }
}
