package dev.mtasts.discovery;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/** Small random edits of a text, for fuzzing the record parsers with inputs close to valid ones. */
final class RecordMutations {

    /** Characters that matter to the grammars, plus a few that never belong. */
    static final String ALPHABET = "vV=STsSLRPid;,: \t-_.!@/%\"\\'aZ09\u00e9\u0000\n\r\u007f\ud83d\ude00";

    private RecordMutations() {
    }

    /** {@code valid}, then one to four insertions, deletions, replacements or duplications. */
    static Arbitrary<String> mutate(Arbitrary<String> valid) {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(1, 8),
                Arbitraries.of(ALPHABET.chars().mapToObj(c -> (char) c).toList())).as(Edit::new);
        return Combinators.combine(valid, edit.list().ofMinSize(1).ofMaxSize(4)).as(RecordMutations::apply);
    }

    /** Strings over {@link #ALPHABET}, to follow a valid prefix. */
    static Arbitrary<String> alphabetStrings() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(60);
    }

    private static String apply(String text, List<Edit> edits) {
        StringBuilder out = new StringBuilder(text);
        for (Edit edit : edits) {
            int at = out.length() == 0 ? 0 : edit.position() % (out.length() + 1);
            switch (edit.kind()) {
                case 0 -> out.insert(at, edit.character());
                case 1 -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, edit.character());
                    }
                }
                default -> {
                    int end = Math.min(out.length(), at + edit.length());
                    out.insert(at, out.substring(at, end));
                }
            }
        }
        return out.toString();
    }

    private record Edit(int kind, int position, int length, char character) {
    }
}
