package dev.mtasts.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Parses policy text exactly per RFC 8461 §3.2.
 *
 * <p>The text is a list of {@code name: value} lines (see {@link PolicyLines} for the line grammar and where it
 * is bent: a missing final terminator and trailing empty lines are accepted). Field names are case-sensitive.
 * <ul>
 *   <li>{@code version: STSv1} is required, the value matched exactly.</li>
 *   <li>{@code mode} is required: {@code enforce}, {@code testing} or {@code none}, lower case.</li>
 *   <li>{@code max_age} is required: 1 to 10 digits, at most {@value Policy#MAX_AGE_LIMIT_SECONDS}.</li>
 *   <li>{@code mx} may repeat and is required unless the mode is {@code none}; see {@link MxValueSyntax}.</li>
 *   <li>If {@code version}, {@code mode} or {@code max_age} repeats, the first occurrence counts and later ones
 *       are ignored, even when their value would be invalid for the field: they are still checked as lines, and
 *       as such they are well-formed extension fields of the grammar.</li>
 *   <li>Any other field is ignored if its line is well-formed (a field named {@code Mode} is such an unknown
 *       field).</li>
 * </ul>
 * Decisions where the RFC leaves room are documented where they are made: empty lines, line ends and a byte
 * order mark in {@link PolicyLines}; trailing dots and A-labels in {@link MxValueSyntax}.
 *
 * <p>Every error is collected, not only the first (up to {@value #MAX_LINE_ERRORS} line errors), and thrown together;
 * the message format is described on {@link PolicySyntaxException}. The parser runs in time linear in the length
 * of the text, whatever it holds.
 */
public final class PolicyParser {

    /** Line errors listed before reading stops. */
    public static final int MAX_LINE_ERRORS = 100;

    private static final String VERSION = "version";
    private static final String MODE = "mode";
    private static final String MAX_AGE = "max_age";
    private static final String MX = "mx";
    private static final String SUPPORTED_VERSION = "STSv1";
    private static final int MAX_AGE_DIGITS = 10;

    private final PolicyErrors errors = new PolicyErrors();
    /** The single-valued fields seen so far. */
    private final Set<String> seen = new HashSet<>();
    /** Field names that differ from a known one only in case, for a hint when the known one is missing. */
    private final Map<String, PolicyField> caseVariants = new HashMap<>();
    private final List<MxPattern> mx = new ArrayList<>();
    private boolean mxSeen;
    private Mode mode;
    private long maxAgeSeconds = -1;

    private PolicyParser() {
    }

    /**
     * @param text the policy text as served, decoded as UTF-8; any string is safe
     * @throws PolicySyntaxException listing every error found, when {@code text} is not a valid policy
     */
    public static Policy parse(String text) throws PolicySyntaxException {
        Objects.requireNonNull(text, "text");
        return new PolicyParser().run(text);
    }

    private Policy run(String text) throws PolicySyntaxException {
        PolicyLines.read(text, errors, this::accept);
        if (!errors.stopped()) {
            checkRequiredFields();
        }
        if (!errors.isEmpty()) {
            throw new PolicySyntaxException(errors.messages());
        }
        return new Policy(mode, mx, maxAgeSeconds);
    }

    private void accept(PolicyField field) {
        switch (field.name()) {
            case VERSION:
            case MODE:
            case MAX_AGE:
                if (seen.add(field.name())) {
                    readSingleValued(field);
                } // else: RFC 8461 §3.2, the first occurrence wins
                break;
            case MX:
                readMx(field);
                break;
            default:
                // RFC 8461 §3.2: unknown fields are ignored
                for (String known : List.of(VERSION, MODE, MAX_AGE, MX)) {
                    if (known.equalsIgnoreCase(field.name())) {
                        caseVariants.putIfAbsent(known, field);
                    }
                }
        }
    }

    private void readSingleValued(PolicyField field) {
        String value = field.value();
        switch (field.name()) {
            case VERSION:
                if (!value.equals(SUPPORTED_VERSION)) {
                    error(field, "version must be \"" + SUPPORTED_VERSION + "\", not " + PolicyErrors.quote(value));
                }
                break;
            case MODE:
                Mode.fromWireName(value).ifPresentOrElse(
                        parsed -> mode = parsed,
                        () -> error(field, "mode must be enforce, testing or none, not " + PolicyErrors.quote(value)));
                break;
            case MAX_AGE:
                readMaxAge(field);
                break;
            default:
                throw new IllegalStateException(field.name());
        }
    }

    /** RFC 8461 §3.2: {@code sts-policy-max-age-value = 1*10(DIGIT)}, at most 31557600. */
    private void readMaxAge(PolicyField field) {
        String value = field.value();
        if (value.length() > MAX_AGE_DIGITS || !allAsciiDigits(value)) {
            error(field, "max_age must be 1 to " + MAX_AGE_DIGITS + " digits, not " + PolicyErrors.quote(value));
            return;
        }
        long seconds = Long.parseLong(value);
        if (seconds > Policy.MAX_AGE_LIMIT_SECONDS) {
            error(field, "max_age " + seconds + " is more than " + Policy.MAX_AGE_LIMIT_SECONDS);
            return;
        }
        maxAgeSeconds = seconds;
    }

    private void readMx(PolicyField field) {
        mxSeen = true;
        Optional<String> problem = MxValueSyntax.problem(field.value());
        if (problem.isPresent()) {
            error(field, "mx " + problem.get());
        } else {
            mx.add(new MxPattern(field.value()));
        }
    }

    private void checkRequiredFields() {
        for (String required : List.of(VERSION, MODE, MAX_AGE)) {
            if (!seen.contains(required)) {
                errors.forPolicy("missing \"" + required + "\"" + caseHint(required));
            }
        }
        // RFC 8461 §3.2: mx is required unless the mode is none. Without a valid mode this cannot be told.
        if (mode != null && mode != Mode.NONE && !mxSeen) {
            errors.forPolicy("no \"mx\", which mode " + mode.wireName() + " requires" + caseHint(MX));
        }
    }

    private String caseHint(String fieldName) {
        PolicyField variant = caseVariants.get(fieldName);
        return variant == null ? "" : " (field names are case-sensitive; line " + variant.lineNumber() + " has "
                + PolicyErrors.quote(variant.name()) + ")";
    }

    private void error(PolicyField field, String message) {
        errors.atLine(field.lineNumber(), message);
    }

    private static boolean allAsciiDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !value.isEmpty();
    }
}
