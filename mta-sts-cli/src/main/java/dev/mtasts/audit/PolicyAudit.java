package dev.mtasts.audit;

import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The policy text: the engine's parser decides whether it is valid (RFC 8461 §3.2); on top of that, advice
 * about {@code mode} and {@code max_age}.
 *
 * <p>{@code max_age}: RFC 8461 §3.2 recommends "weeks or greater". Under one day is an error in modes
 * {@code testing} and {@code enforce} (senders would refetch all the time, and a policy that vanishes briefly
 * stops protecting anyone); under 14 days is a warning in {@code enforce}. In mode {@code none} max_age is not
 * judged: that mode is how a policy is withdrawn (§8.3), and then a short max_age is fine.
 */
final class PolicyAudit {

    static final long ONE_DAY = 86_400;
    static final long FOURTEEN_DAYS = 14 * ONE_DAY;

    /** The parser's message for a max_age above the limit: {@code line 4: max_age 99999999 is more than 31557600}. */
    private static final Pattern MAX_AGE_TOO_LARGE = Pattern.compile("line \\d+: max_age \\d+ is more than \\d+");

    private PolicyAudit() {
    }

    /** Adds the policy's findings; the policy, when it parses. */
    static Optional<Policy> check(String text, Findings findings) {
        Policy policy;
        try {
            policy = PolicyParser.parse(text);
        } catch (PolicySyntaxException e) {
            for (String error : e.errors()) {
                if (MAX_AGE_TOO_LARGE.matcher(error).matches()) {
                    findings.add(FindingCode.POLICY_MAX_AGE_TOO_LARGE, error + " (RFC 8461 §3.2: at most about a year)",
                            "Set max_age to at most 31557600, e.g. 1209600 (14 days) or 31557600");
                } else {
                    findings.add(FindingCode.POLICY_INVALID, error,
                            "Correct the policy (check it with: mta-sts parse FILE), then publish a new id");
                }
            }
            return Optional.empty();
        }
        findings.add(FindingCode.POLICY_OK, "mode " + policy.mode().wireName() + ", mx "
                + (policy.mx().isEmpty() ? "(none)"
                        : policy.mx().stream().map(MxPattern::pattern).collect(Collectors.joining(", ")))
                + ", max_age " + policy.maxAgeSeconds() + " (" + inWords(policy.maxAgeSeconds()) + ")",
                "Nothing to do");
        adviseMode(policy, findings);
        adviseMaxAge(policy, findings);
        return Optional.of(policy);
    }

    private static void adviseMode(Policy policy, Findings findings) {
        if (policy.mode() == Mode.TESTING) {
            findings.add(FindingCode.POLICY_MODE_TESTING, "mode testing: senders deliver even when TLS or the MX"
                    + " check fails, and report it (RFC 8461 §5)",
                    "Once TLS reports show no failures for a while, switch to mode enforce and publish a new id");
        } else if (policy.mode() == Mode.NONE) {
            findings.add(FindingCode.POLICY_MODE_NONE, "mode none: senders behave as if there were no policy"
                    + " (RFC 8461 §5)", "Nothing to do if you are withdrawing MTA-STS; otherwise use testing or enforce");
        }
    }

    private static void adviseMaxAge(Policy policy, Findings findings) {
        long maxAge = policy.maxAgeSeconds();
        if (policy.mode() == Mode.NONE) {
            return;
        }
        if (maxAge < ONE_DAY) {
            findings.add(FindingCode.POLICY_MAX_AGE_TOO_SMALL, "max_age " + maxAge + " is under one day; senders"
                    + " forget the policy almost at once (RFC 8461 §3.2 recommends weeks or more)",
                    "Set max_age to at least 86400, better 604800 (a week) while testing and 1209600 or more"
                    + " when enforcing");
        } else if (maxAge < FOURTEEN_DAYS && policy.mode() == Mode.ENFORCE) {
            findings.add(FindingCode.POLICY_MAX_AGE_SHORT, "max_age " + maxAge + " (" + inWords(maxAge) + ") is under"
                    + " 14 days in mode enforce; a short outage of the policy host soon lets downgrade attacks through",
                    "Raise max_age to 1209600 (14 days) or more, e.g. 31557600");
        }
    }

    static String inWords(long seconds) {
        if (seconds >= ONE_DAY) {
            long days = seconds / ONE_DAY;
            return days + (days == 1 ? " day" : " days") + (seconds % ONE_DAY == 0 ? "" : " and more");
        }
        if (seconds >= 3600) {
            return seconds / 3600 + " h";
        }
        return seconds + " s";
    }
}
