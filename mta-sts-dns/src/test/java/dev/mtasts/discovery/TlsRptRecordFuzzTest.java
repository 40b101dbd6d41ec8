package dev.mtasts.discovery;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests ("fuzz") of {@link TlsRptRecord#parse}: whatever the input, the answer is a record or a
 * {@link RecordSyntaxException}, and a parsed record reads back from its own {@code toString()}.
 *
 * <p>The number of inputs per property comes from {@code jqwik.tries.default} in
 * {@code src/test/resources/junit-platform.properties} (10 000, to keep the build fast). A million:
 * {@code mvn -pl mta-sts-dns test -Dtest='*Fuzz*' -Djqwik.tries.default=1000000}
 */
class TlsRptRecordFuzzTest {

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
    void generatedRecordsParseToWhatWasGenerated(@ForAll("validRecords") Generated generated)
            throws RecordSyntaxException {
        TlsRptRecord parsed = TlsRptRecord.parse(generated.text());

        assertThat(parsed.rua()).containsExactlyElementsOf(generated.rua());
        assertThat(parsed.extensions()).containsExactlyEntriesOf(generated.extensions());
        assertThat(TlsRptRecord.parse(parsed.toString())).isEqualTo(parsed);
    }

    private static void parsesOrIsRejected(String text) {
        TlsRptRecord parsed;
        try {
            parsed = TlsRptRecord.parse(text);
        } catch (RecordSyntaxException e) {
            assertThat(e.getMessage()).startsWith("Invalid TLSRPT record at column ");
            return;
        }
        assertThat(parsed.rua()).isNotEmpty().allSatisfy(uri ->
                assertThat(uri.getScheme().toLowerCase(java.util.Locale.ROOT)).isIn("mailto", "https"));
        try {
            assertThat(TlsRptRecord.parse(parsed.toString())).isEqualTo(parsed);
        } catch (RecordSyntaxException e) {
            throw new AssertionError("\"" + parsed + "\" parsed from \"" + text + "\" does not parse back", e);
        }
    }

    @Provide
    Arbitrary<String> afterVersion() {
        return RecordMutations.alphabetStrings().map(tail -> "v=TLSRPTv1;" + tail);
    }

    @Provide
    Arbitrary<String> mutatedRecords() {
        return RecordMutations.mutate(validRecords().map(Generated::text));
    }

    /** Records built from the ABNF of RFC 8460 §3: a rua field among extensions, random whitespace. */
    @Provide
    Arbitrary<Generated> validRecords() {
        // java.net.URI takes a host name only if its last label starts with a letter: start every label with one.
        Arbitrary<String> label = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofLength(1),
                Arbitraries.strings().withCharRange('a', 'z').numeric().ofMaxLength(9)).as(String::concat);
        Arbitrary<String> domain = label.list().ofMinSize(2).ofMaxSize(3).map(labels -> String.join(".", labels));
        Arbitrary<String> path = Arbitraries.strings().alpha().numeric().withChars("-._~/").ofMaxLength(15)
                .map(p -> "/" + p);
        Arbitrary<String> mailto = Combinators.combine(label, domain).as((local, d) -> "mailto:" + local + "@" + d);
        Arbitrary<String> https = Combinators.combine(domain, path).as((d, p) -> "https://" + d + p);
        Arbitrary<String> unsupported = domain.map(d -> "http://" + d + "/");
        Arbitrary<String> uri = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, mailto), net.jqwik.api.Tuple.of(4, https), net.jqwik.api.Tuple.of(1, unsupported));
        Arbitrary<List<String>> ruaField = Combinators.combine(mailto, uri.list().ofMaxSize(3))
                .as((first, rest) -> {
                    List<String> all = new ArrayList<>(rest);
                    all.add(0, first);
                    return all;
                });
        Arbitrary<String> name = Combinators.combine(
                Arbitraries.strings().alpha().numeric().ofLength(1),
                Arbitraries.strings().alpha().numeric().withChars("_-.").ofMaxLength(31)).as(String::concat)
                .filter(n -> !n.equals("rua"));
        Arbitrary<String> value = Arbitraries.strings().withCharRange('!', ':').withChars('<').withCharRange('>', '~')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<List<String[]>> extensions = Combinators.combine(name, value).as((n, v) -> new String[] {n, v})
                .list().ofMaxSize(3);
        Arbitrary<List<String>> whitespace = Arbitraries.strings().withChars(" \t").ofMaxLength(2).list().ofSize(20);
        Arbitrary<Integer> ruaPosition = Arbitraries.integers().between(0, 3);
        Arbitrary<Boolean> trailingDelimiter = Arbitraries.of(true, false);
        return Combinators.combine(ruaField, extensions, ruaPosition, whitespace, trailingDelimiter)
                .as(TlsRptRecordFuzzTest::build);
    }

    private static Generated build(List<String> rua, List<String[]> extensions, int ruaPosition,
            List<String> whitespace, boolean trailing) {
        int w = 0;
        List<String> fields = new ArrayList<>();
        Map<String, String> expectedExtensions = new LinkedHashMap<>();
        for (String[] extension : extensions) {
            fields.add(extension[0] + "=" + extension[1]);
            expectedExtensions.putIfAbsent(extension[0], extension[1]);
        }
        StringBuilder ruaText = new StringBuilder("rua=");
        List<URI> expectedRua = new ArrayList<>();
        for (int i = 0; i < rua.size(); i++) {
            if (i > 0) {
                ruaText.append(whitespace.get(w++)).append(',').append(whitespace.get(w++));
            }
            ruaText.append(rua.get(i));
            if (!rua.get(i).startsWith("http:")) {
                expectedRua.add(URI.create(rua.get(i)));
            }
        }
        fields.add(Math.min(ruaPosition, fields.size()), ruaText.toString());
        StringBuilder text = new StringBuilder("v=TLSRPTv1");
        for (String field : fields) {
            text.append(whitespace.get(w++)).append(';').append(whitespace.get(w++)).append(field);
        }
        if (trailing) {
            text.append(whitespace.get(w++)).append(';').append(whitespace.get(w));
        }
        return new Generated(text.toString(), expectedRua, expectedExtensions);
    }

    record Generated(String text, List<URI> rua, Map<String, String> extensions) {
    }
}
