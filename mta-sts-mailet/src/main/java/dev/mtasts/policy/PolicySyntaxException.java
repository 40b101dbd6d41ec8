package dev.mtasts.policy;

import java.util.List;

/** A policy text that breaks the grammar of RFC 8461 §3.2. Each error starts with {@code line N: }. */
public final class PolicySyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public PolicySyntaxException(List<String> errors) {
        super(String.join("; ", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a syntax error needs at least one message");
        }
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
