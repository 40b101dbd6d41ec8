package dev.mtasts.discovery;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests ("fuzz") of {@link StsRecord#parse}: whatever the input, the answer is a record or a
 * {@link RecordSyntaxException}, and a parsed record reads back from its own {@code toString()}.
 *
 * <p>The number of inputs per property comes from {@code jqwik.tries.default} in
 * {@code src/test/resources/junit-platform.properties} (10 000, to keep the build fast). A million:
 * {@code mvn -pl mta-sts-dns test -Dtest='*Fuzz*' -Djqwik.tries.default=1000000}
 */
class StsRecordFuzzTest {

    @Property
    void anyStringParsesOrIsRejected(@ForAll String text) {
        parsesOrIsRejected(text);
    }

    @Property
    void anyTextAfterTheVersionParsesOrIsRejected(@ForAll("afterVersion") String text) {
        parsesOrIsRejected(text);
    }

    // Composite generators have more edge cases than tries: draw them all at random instead.
    @Property(edgeCases = EdgeCasesMode.NONE)
    void mutatedRecordsParseOrAreRejected(@ForAll("mutatedRecords") String text) {
        parsesOrIsRejected(text);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void generatedRecordsParseToWhatWasGenerated(@ForAll("validRecords") Generated generated) throws RecordSyntaxException {
        StsRecord parsed = StsRecord.parse(generated.text());

        assertThat(parsed.id()).isEqualTo(generated.id());
        assertThat(parsed.extensions()).containsExactlyEntriesOf(generated.extensions());
        assertThat(StsRecord.parse(parsed.toString())).isEqualTo(parsed);
    }

    private static void parsesOrIsRejected(String text) {
        StsRecord parsed;
        try {
            parsed = StsRecord.parse(text);
        } catch (RecordSyntaxException e) {
            assertThat(e.getMessage()).startsWith("Invalid MTA-STS record at column ");
            return;
        }
        try {
            assertThat(StsRecord.parse(parsed.toString())).isEqualTo(parsed);
        } catch (RecordSyntaxException e) {
            throw new AssertionError("\"" + parsed + "\" parsed from \"" + text + "\" does not parse back", e);
        }
    }

    @Provide
    Arbitrary<String> afterVersion() {
        return RecordMutations.alphabetStrings().map(tail -> "v=STSv1;" + tail);
    }

    @Provide
    Arbitrary<String> mutatedRecords() {
        return RecordMutations.mutate(validRecords().map(Generated::text));
    }

    /** Records built from the ABNF of RFC 8461 §3.1, with random whitespace around every ';'. */
    @Provide
    Arbitrary<Generated> validRecords() {
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(32);
        Arbitrary<String> name = Combinators.combine(
                Arbitraries.strings().alpha().numeric().ofLength(1),
                Arbitraries.strings().alpha().numeric().withChars("_-.").ofMaxLength(31)).as(String::concat)
                .filter(n -> !n.equals("id") && !n.equals("v"));
        Arbitrary<String> value = Arbitraries.strings().withCharRange('!', ':').withChars('<').withCharRange('>', '~')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<List<String[]>> extensions = Combinators.combine(name, value).as((n, v) -> new String[] {n, v})
                .list().ofMaxSize(4);
        Arbitrary<List<String>> whitespace = Arbitraries.strings().withChars(" \t").ofMaxLength(2).list().ofSize(12);
        Arbitrary<Boolean> trailingDelimiter = Arbitraries.of(true, false);
        return Combinators.combine(id, extensions, whitespace, trailingDelimiter).as(StsRecordFuzzTest::build);
    }

    private static Generated build(String id, List<String[]> extensions, List<String> whitespace, boolean trailing) {
        int w = 0;
        StringBuilder text = new StringBuilder("v=STSv1");
        text.append(whitespace.get(w++)).append(';').append(whitespace.get(w++)).append("id=").append(id);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String[] extension : extensions) {
            text.append(whitespace.get(w++)).append(';').append(whitespace.get(w++))
                    .append(extension[0]).append('=').append(extension[1]);
            expected.putIfAbsent(extension[0], extension[1]);
        }
        if (trailing) {
            text.append(whitespace.get(w++)).append(';').append(whitespace.get(w));
        }
        return new Generated(text.toString(), id, expected);
    }

    record Generated(String text, String id, Map<String, String> extensions) {
    }
}
