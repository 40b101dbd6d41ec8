package dev.mtasts.fetch;

import dev.mtasts.policy.Policy;
import dev.mtasts.policy.PolicyParser;
import dev.mtasts.policy.PolicySyntaxException;

/** Turns fetched policy text into a {@link Policy} (RFC 8461 §3.2). The fetcher's seam to the parser. */
@FunctionalInterface
interface PolicyTextParser {

    /** The project's parser. */
    PolicyTextParser STRICT = PolicyParser::parse;

    Policy parse(String text) throws PolicySyntaxException;
}
