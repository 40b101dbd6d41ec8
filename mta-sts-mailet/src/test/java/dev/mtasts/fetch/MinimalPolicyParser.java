package dev.mtasts.fetch;

import dev.mtasts.policy.Mode;
import dev.mtasts.policy.MxPattern;
import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicySyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of RFC 8461 §3.2 for fetch tests: {@code key: value} lines, {@code version: STSv1} first, a known
 * mode, a numeric max_age. The fetcher's tests are about transport; the grammar is tested with the real parser.
 */
final class MinimalPolicyParser implements PolicyTextParser {

    @Override
    public Policy parse(String text) throws PolicySyntaxException {
        List<String> errors = new ArrayList<>();
        String version = null;
        Mode mode = null;
        long maxAge = -1;
        List<MxPattern> mx = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon < 0) {
                errors.add("line " + (i + 1) + ": no colon");
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = Mode.fromWireName(value).orElse(null);
                case "max_age" -> maxAge = value.matches("[0-9]{1,10}") ? Long.parseLong(value) : -1;
                case "mx" -> mx.add(new MxPattern(value));
                default -> { }
            }
        }
        if (!"STSv1".equals(version)) {
            errors.add("line 1: version must be STSv1");
        }
        if (mode == null) {
            errors.add("line " + lines.length + ": no valid mode");
        }
        if (maxAge < 0 || maxAge > Policy.MAX_AGE_LIMIT_SECONDS) {
            errors.add("line " + lines.length + ": no valid max_age");
        }
        if (!errors.isEmpty()) {
            throw new PolicySyntaxException(errors);
        }
        return new Policy(mode, mx, maxAge);
    }
}
