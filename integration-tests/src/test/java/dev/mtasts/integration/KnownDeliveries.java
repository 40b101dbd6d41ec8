package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.james.GuiceJamesServer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Six messages whose figures are known, once every lane reports its sessions:
 *
 * <pre>
 * recipient domain                  policy                      session
 * enforce-ok.observe.test           enforce, MX valid           TLS, enforce success
 * testing-wrongname.observe.test    testing, wrong name         TLS (certificate invalid), testing failure
 * enforce-plain.observe.test        enforce, MX without TLS     none: refused (starttls-not-supported), twice:
 *                                                               its one attempt, and the attempt after the TXT
 *                                                               re-check before it fails for good (RFC 8461 §5.1)
 * nopolicy.observe.test             none                        clear text
 * policyhost-down.observe.test      TXT, policy host fails      clear text (sts-policy-fetch-error: no policy)
 * policy-invalid.observe.test       TXT, policy text invalid    clear text (sts-policy-invalid: no policy)
 * </pre>
 *
 * TLS enforcement success 1 of 3 (0.333...); encrypted delivery 2 of 5 sessions (0.4); policy retrieval 4 of 5 fetches
 * (0.8: the fetch error got no document); policy validation 3 of 4 documents (0.75).
 */
public final class KnownDeliveries {

    public static final String ENFORCE_OK = "enforce-ok.observe.test";
    public static final String TESTING_WRONG_NAME = "testing-wrongname.observe.test";
    public static final String ENFORCE_PLAIN = "enforce-plain.observe.test";
    public static final String NO_POLICY = "nopolicy.observe.test";
    public static final String POLICY_HOST_DOWN = "policyhost-down.observe.test";
    public static final String POLICY_INVALID = "policy-invalid.observe.test";

    public static final double TLS_ENFORCEMENT_SUCCESS = 1.0 / 3;
    public static final long ENFORCE_SESSIONS = 3;
    public static final double ENCRYPTED_DELIVERY = 0.4;
    public static final double POLICY_RETRIEVAL = 0.8;
    public static final double POLICY_VALIDATION = 0.75;
    public static final long SESSIONS = 5;
    public static final long ENCRYPTED_SESSIONS = 2;

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private KnownDeliveries() {
    }

    /** Sends the six messages and waits until exim has the five delivered ones and James counted every session. */
    public static void sendAndAwait(GuiceJamesServer james, ObservePeers peers) throws Exception {
        for (String domain : new String[] {ENFORCE_OK, TESTING_WRONG_NAME, ENFORCE_PLAIN, NO_POLICY,
            POLICY_HOST_DOWN, POLICY_INVALID}) {
            MtaStsJames.send(james, ObservePeers.SENDER, "user@" + domain, "known delivery to " + domain);
        }
        for (String domain : new String[] {ENFORCE_OK, TESTING_WRONG_NAME, NO_POLICY, POLICY_HOST_DOWN,
            POLICY_INVALID}) {
            peers.exim().awaitMessage(message -> message.envelopeTo().contains("user@" + domain), PATIENCE)
                .orElseThrow(() -> new AssertionError("exim did not receive the message to " + domain));
        }
        awaitCounts(james, counts -> counts.at("/enforceSessions").asLong() >= ENFORCE_SESSIONS
            && sessions(counts) >= SESSIONS);
    }

    /** Outbound sessions of every lane in the overall counts of {@code GET /mta-sts/report}. */
    static long sessions(JsonNode counts) {
        return counts.at("/standardLaneSessions").asLong() + counts.at("/testingLaneSessions").asLong()
            + counts.at("/enforceLaneSessions").asLong() + counts.at("/daneLaneSessions").asLong();
    }

    /** The overall counts once {@code done} holds for them (or the patience ran out). */
    static JsonNode awaitCounts(GuiceJamesServer james, java.util.function.Predicate<JsonNode> done)
        throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode counts = JSON.readTree(OpsJames.call(james, "GET", "/mta-sts/report?since=PT24H").body())
                .at("/overall/counts");
            if (done.test(counts) || Instant.now().isAfter(deadline)) {
                return counts;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling, not a timing
        }
    }
}
