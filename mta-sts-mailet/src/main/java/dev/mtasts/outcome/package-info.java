/**
 * The words every side of the extension shares: an RFC 8460 §4.3 {@link dev.mtasts.outcome.ResultType} names why a
 * session (or a policy fetch) failed, and a {@link dev.mtasts.outcome.TlsOutcome} is what one delivery session to a
 * policy domain came to. Fetching, the policy service, reporting and the James glue all import this package; it
 * imports none of them, so no arrow points back.
 */
package dev.mtasts.outcome;
