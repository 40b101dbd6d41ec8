package dev.mtasts.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of {@link PolicyParser}: whatever the text, the result is a {@link Policy} or a
 * {@link PolicySyntaxException}, never another exception; and generated valid policies parse back to themselves.
 *
 * <p>Each property runs {@code jqwik.tries.default} inputs (10,000, from
 * {@code src/test/resources/junit-platform.properties}). To run a million inputs per property:
 * <pre>
 * mvn -pl mta-sts-mailet test -Dtest='*FuzzTest' -Djqwik.tries.default=1000000
 * </pre>
 */
class PolicyParserFuzzTest {

    /** Pieces of policy text, well-formed and not, so that random sequences reach deep into the parser. */
    private static final List<String> TOKENS = List.of(
            "version", "mode", "max_age", "mx", "Mode", "ext", "a.b-c_d", "_x",
            ":", ": ", ":\t", " ", "\t", "\n", "\r\n", "\r", "\n\n",
            "STSv1", "stsv1", "enforce", "testing", "none", "Enforce",
            "0", "1", "86400", "31557600", "31557601", "00000000001", "-1", "+5", "9999999999",
            "*.", "*", "**.", ".", "..", "example", "com", "xn--bcher-kva", "-", "_", "a".repeat(64),
            "\ufeff", "\u00e9", "\u0131", "\u212a", "\ud800", "\udc00", "\ud83d\ude00", "\u0000", "\u007f", "\u2028");

    private static final String LETTERS_AND_DIGITS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LDH = LETTERS_AND_DIGITS + "---";

    private static final String MUTATION_CHARS = ": \t\r\n*.-_0aZ\u00e9\ufeff\ud800\u0000";

    @Property
    void anyTextParsesOrFailsWithSyntaxErrors(@ForAll("anyText") String text) {
        assertParsesOrFailsCleanly(text);
    }

    @Property
    void policyLikeTextParsesOrFailsWithSyntaxErrors(@ForAll("policyLikeText") String text) {
        assertParsesOrFailsCleanly(text);
    }

    @Property
    void mutatedValidPolicyParsesOrFailsWithSyntaxErrors(
            @ForAll("validPolicies") Policy policy, @ForAll long seed, @ForAll("mutations") List<Mutation> mutations) {
        String text = render(policy, new Random(seed));
        for (Mutation mutation : mutations) {
            text = mutation.applyTo(text);
        }
        assertParsesOrFailsCleanly(text);
    }

    @Property
    void wireFormOfValidPolicyRoundTrips(@ForAll("validPolicies") Policy policy) throws PolicySyntaxException {
        assertThat(PolicyParser.parse(policy.toString())).isEqualTo(policy);
    }

    /** Line ends, whitespace, field order, unknown fields, duplicates and trailing empty lines do not matter. */
    @Property
    void anyValidRenderingOfPolicyParsesToIt(@ForAll("validPolicies") Policy policy, @ForAll long seed)
            throws PolicySyntaxException {
        assertThat(PolicyParser.parse(render(policy, new Random(seed)))).isEqualTo(policy);
    }

    /** RFC 8461 §3.2: LF and CRLF are the same line end, and trailing whitespace is ignored. */
    @Property
    void lineEndsAndTrailingWhitespaceDoNotChangeTheOutcome(@ForAll("policyLikeText") String text) {
        String lfOnly = text.replace("\r", "");

        String outcome = outcome(lfOnly);
        assertThat(outcome(lfOnly.replace("\n", "\r\n"))).isEqualTo(outcome);
        assertThat(outcome(lfOnly.replace("\n", " \t\n") + " ")).isEqualTo(outcome);
    }

    private static void assertParsesOrFailsCleanly(String text) {
        Policy policy;
        try {
            policy = PolicyParser.parse(text);
        } catch (PolicySyntaxException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(PolicyParserFuzzTest::assertWellFormedMessage);
            return;
        }
        if (policy.mode() != Mode.NONE) {
            assertThat(policy.mx()).isNotEmpty();
        }
        try {
            assertThat(PolicyParser.parse(policy.toString())).isEqualTo(policy);
        } catch (PolicySyntaxException e) {
            throw new AssertionError("wire form of " + policy + " does not parse: " + e.errors(), e);
        }
    }

    private static void assertWellFormedMessage(String message) {
        assertThat(message.startsWith("line ") || message.startsWith("policy: ")).as(message).isTrue();
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            assertThat(c >= 0x20 && c < 0x7F).as("printable ASCII only: %s", message).isTrue();
        }
    }

    /** The parsed policy, or the errors, as one comparable string. */
    private static String outcome(String text) {
        try {
            return PolicyParser.parse(text).toString();
        } catch (PolicySyntaxException e) {
            return e.errors().toString();
        }
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> policyLikeText() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }

    /**
     * Valid policies, drawn straight from a {@link Random} because building them from jqwik's shrinkable parts
     * costs more than parsing them. They do not shrink, but a failure still shows the policy.
     */
    @Provide
    Arbitrary<Policy> validPolicies() {
        return Arbitraries.randomValue(PolicyParserFuzzTest::randomPolicy);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.of(MutationKind.class),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.of(MUTATION_CHARS.toCharArray()))
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(5);
    }

    private static Policy randomPolicy(Random random) {
        Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
        List<MxPattern> mx = new ArrayList<>();
        for (int i = random.nextInt(5) + (mode == Mode.NONE ? 0 : 1); i > 0; i--) {
            String hostName = randomHostName(random);
            mx.add(new MxPattern(random.nextInt(3) == 0 ? "*." + hostName : hostName));
        }
        long maxAge = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> Policy.MAX_AGE_LIMIT_SECONDS;
            default -> (long) (random.nextDouble() * (Policy.MAX_AGE_LIMIT_SECONDS + 1));
        };
        return new Policy(mode, mx, maxAge);
    }

    /** 1 to 5 LDH labels, 253 characters at most. */
    private static String randomHostName(Random random) {
        StringBuilder name = new StringBuilder(randomLabel(random));
        for (int i = random.nextInt(5); i > 0; i--) {
            String label = randomLabel(random);
            if (name.length() + 1 + label.length() > 253) {
                break;
            }
            name.append('.').append(label);
        }
        return name.toString();
    }

    /** A letter or digit, then up to 62 letters, digits and hyphens, ending in a letter or digit. */
    private static String randomLabel(Random random) {
        int length = switch (random.nextInt(8)) {
            case 0 -> 1;
            case 1 -> 63;
            default -> 1 + random.nextInt(20);
        };
        StringBuilder label = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            boolean edge = i == 0 || i == length - 1;
            label.append(edge ? LETTERS_AND_DIGITS.charAt(random.nextInt(LETTERS_AND_DIGITS.length()))
                    : LDH.charAt(random.nextInt(LDH.length())));
        }
        return label.toString();
    }

    /**
     * A text that must parse to {@code policy}: fields in random order (mx keeping theirs), random line ends,
     * whitespace after the colon and at the line end, unknown fields, later duplicates of the single-valued
     * fields with other values, upper-case mx, and trailing empty lines.
     */
    private static String render(Policy policy, Random random) {
        List<String> singleValued = new ArrayList<>(List.of(
                "version" + delimiter(random) + "STSv1",
                "mode" + delimiter(random) + policy.mode().wireName(),
                "max_age" + delimiter(random) + zeroPadded(policy.maxAgeSeconds(), random)));
        for (int i = random.nextInt(3); i > 0; i--) {
            singleValued.add(unknownField(random));
        }
        List<String> lines = new ArrayList<>();
        for (MxPattern pattern : policy.mx()) {
            String value = random.nextInt(4) == 0 ? pattern.pattern().toUpperCase(Locale.ROOT)
                    : pattern.pattern();
            lines.add("mx" + delimiter(random) + value);
        }
        for (String line : singleValued) {
            lines.add(random.nextInt(lines.size() + 1), line);
        }
        if (random.nextBoolean()) {
            lines.add(random.nextBoolean() ? "mode: " + randomMode(random) : "max_age: " + random.nextInt());
        }
        if (random.nextInt(4) == 0) {
            lines.add("version: STSv2");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i)).append(whitespace(random));
            boolean last = i == lines.size() - 1;
            if (!last || random.nextInt(4) != 0) {
                text.append(random.nextBoolean() ? "\r\n" : "\n");
            }
        }
        if (text.charAt(text.length() - 1) == '\n') {
            for (int i = random.nextInt(3); i > 0; i--) {
                text.append(whitespace(random)).append(random.nextBoolean() ? "\r\n" : "\n");
            }
        }
        return text.toString();
    }

    private static String delimiter(Random random) {
        return ":" + whitespace(random);
    }

    private static String whitespace(Random random) {
        return List.of("", "", " ", "\t", "  ", " \t ").get(random.nextInt(6));
    }

    private static String zeroPadded(long value, Random random) {
        String digits = Long.toString(value);
        int zeros = random.nextInt(10 - digits.length() + 1);
        return "0".repeat(random.nextInt(3) == 0 ? zeros : 0) + digits;
    }

    private static String randomMode(Random random) {
        return List.of("enforce", "testing", "none", "Enforce", "x").get(random.nextInt(5));
    }

    private static String unknownField(Random random) {
        String name = List.of("comment", "x", "a.b-c_d", "Mode", "MX", "ext9", "x".repeat(32)).get(random.nextInt(7));
        String value = List.of("hello", "a b  c", "x=y;z", "\u00e9t\u00e9", "\ud83d\ude00 !~", "STSv2").get(
                random.nextInt(6));
        return name + delimiter(random) + value;
    }

    enum MutationKind { INSERT, DELETE, REPLACE, DUPLICATE_LINE, DELETE_LINE }

    /** One edit of a text; {@code position} is taken modulo the text's length. */
    record Mutation(MutationKind kind, int position, char character) {

        String applyTo(String text) {
            if (text.isEmpty()) {
                return kind == MutationKind.INSERT ? String.valueOf(character) : text;
            }
            int at = position % text.length();
            return switch (kind) {
                case INSERT -> text.substring(0, at) + character + text.substring(at);
                case DELETE -> text.substring(0, at) + text.substring(at + 1);
                case REPLACE -> text.substring(0, at) + character + text.substring(at + 1);
                case DUPLICATE_LINE -> {
                    int[] line = lineAround(text, at);
                    yield text.substring(0, line[1]) + text.substring(line[0], line[1]) + text.substring(line[1]);
                }
                case DELETE_LINE -> {
                    int[] line = lineAround(text, at);
                    yield text.substring(0, line[0]) + text.substring(line[1]);
                }
            };
        }

        /** Start and end (past its LF, if any) of the line holding {@code at}. */
        private static int[] lineAround(String text, int at) {
            int start = text.lastIndexOf('\n', at - 1) + 1;
            int lineFeed = text.indexOf('\n', at);
            return new int[] {start, lineFeed < 0 ? text.length() : lineFeed + 1};
        }
    }
}
