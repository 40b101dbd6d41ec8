package dev.mtasts.policy;

/** Parses policy text exactly per RFC 8461 §3.2. */
public final class PolicyParser {

    private PolicyParser() {
    }

    public static Policy parse(String text) throws PolicySyntaxException {
        throw new UnsupportedOperationException("not yet");
    }
}
