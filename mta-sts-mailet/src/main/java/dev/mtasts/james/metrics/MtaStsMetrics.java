package dev.mtasts.james.metrics;

import dev.mtasts.james.outcome.OutcomeListener;
import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.service.PolicyServiceListener;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

import com.google.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The extension's metrics, through James' {@link MetricFactory}, so they show wherever James exports metrics
 * (JMX, the WebAdmin metrics endpoint, logs). The counters behind the four figures exist from start-up (at 0), so
 * that Prometheus' {@code increase()} sees their first rise; each figure is one counter divided by another:
 * <ul>
 *     <li>TLS enforcement success: {@link #ENFORCE_SUCCESS} / {@link #ENFORCE_SESSIONS}</li>
 *     <li>encrypted delivery: {@link #SESSIONS_ENCRYPTED} / {@link #SESSIONS_ALL} (per lane:
 *     {@code mtasts.sessions.<lane>.encrypted} / {@code mtasts.sessions.<lane>.all})</li>
 *     <li>policy retrieval: {@link #FETCH_RETRIEVED} / {@link #FETCH_ALL}</li>
 *     <li>policy validation: {@link #FETCH_SUCCESS} / {@link #FETCH_RETRIEVED}</li>
 * </ul>
 * Names:
 * <ul>
 *     <li>{@code mtasts.sessions.all}, {@code mtasts.sessions.encrypted}, {@code mtasts.sessions.cleartext}: outbound
 *     SMTP sessions of every lane that sent a message, the ones over TLS and the ones in clear text; the same per lane
 *     ({@code mtasts.sessions.standard.all}, {@code mtasts.sessions.enforce.encrypted}, ...), and
 *     {@code mtasts.sessions.unverified}: sessions over TLS whose certificate would not have validated</li>
 *     <li>{@code mtasts.delivery.enforce.sessions} / {@code mtasts.delivery.testing.sessions}: sessions to policy
 *     domains by mode, whatever their result</li>
 *     <li>{@code mtasts.delivery.<mode>.<result>}: delivery sessions by policy mode ({@code enforce},
 *     {@code testing}) and outcome ({@code success} or an RFC 8460 result type, e.g.
 *     {@code mtasts.delivery.testing.certificate-host-mismatch})</li>
 *     <li>{@code mtasts.delivery.tls.validated} / {@code mtasts.delivery.tls.failed}: sessions to policy domains
 *     over validated TLS, and sessions whose TLS (or policy) check failed</li>
 *     <li>{@code mtasts.delivery.enforce.refused}: delivery attempts to enforce domains that no MX host passed</li>
 *     <li>{@code mtasts.policy.fetch.success} / {@code mtasts.policy.fetch.<result type>}: policy fetches by outcome
 *     ({@code sts-policy-fetch-error}, {@code sts-webpki-invalid}, {@code sts-policy-invalid})</li>
 *     <li>{@code mtasts.policy.fetch.latency}: a timer over every policy fetch</li>
 *     <li>{@code mtasts.policy.cache.hit} / {@code mtasts.policy.cache.miss}: policy lookups answered from the
 *     cache, and lookups that needed DNS</li>
 *     <li>{@code mtasts.inbound.reports.accepted} / {@code mtasts.inbound.reports.rejected.<reason>}: TLS report
 *     mails received about our own domains (RFC 8460), stored or rejected, e.g.
 *     {@code mtasts.inbound.reports.rejected.foreign-domain}</li>
 *     <li>{@code mtasts.inbound.sessions.success} / {@code mtasts.inbound.sessions.<result type>}: the sessions
 *     those reports count, by outcome</li>
 * </ul>
 */
public final class MtaStsMetrics implements OutcomeListener, PolicyServiceListener {

    /** RFC 8460 §4.3: the result types a sender may report (the DANE ones of §4.3.2 included), and success. */
    private static final Set<String> REPORTED_RESULTS = Stream.concat(
            Stream.of(ResultType.values()).map(ResultType::wireName),
            Stream.of("success", "tlsa-invalid", "dnssec-invalid", "dane-required"))
        .collect(Collectors.toUnmodifiableSet());

    public static final String PREFIX = "mtasts.";
    /** The lane label of DANE sessions: {@code mtasts.delivery.dane.<result>}. */
    public static final String DANE_LANE = "dane";
    public static final String CACHE_HIT = "mtasts.policy.cache.hit";
    public static final String CACHE_MISS = "mtasts.policy.cache.miss";
    public static final String FETCH_LATENCY = "mtasts.policy.fetch.latency";
    public static final String FETCH_SUCCESS = "mtasts.policy.fetch.success";
    public static final String FETCH_ALL = "mtasts.policy.fetch.all";
    /** Fetches that got a policy document over validated HTTPS, valid or not (RFC 8460 §4.3.2.2). */
    public static final String FETCH_RETRIEVED = "mtasts.policy.fetch.retrieved";
    public static final String ENFORCE_SESSIONS = "mtasts.delivery.enforce.sessions";
    public static final String ENFORCE_SUCCESS = "mtasts.delivery.enforce.success";
    public static final String TESTING_SESSIONS = "mtasts.delivery.testing.sessions";
    public static final String SESSIONS_ALL = "mtasts.sessions.all";
    public static final String SESSIONS_ENCRYPTED = "mtasts.sessions.encrypted";
    public static final String SESSIONS_CLEAR_TEXT = "mtasts.sessions.cleartext";
    public static final String SESSIONS_UNVERIFIED = "mtasts.sessions.unverified";
    /** The lanes whose sessions have counters of their own. */
    public static final List<String> LANES = List.of("standard", "testing", "enforce", "dane");
    public static final String TLS_VALIDATED = "mtasts.delivery.tls.validated";
    public static final String TLS_FAILED = "mtasts.delivery.tls.failed";
    public static final String ENFORCEMENT_FAILURE = "mtasts.delivery.enforce.refused";
    public static final String INBOUND_ACCEPTED = "mtasts.inbound.reports.accepted";

    private final MetricFactory metricFactory;
    private final Metric cacheHits;
    private final Metric cacheMisses;
    private final ConcurrentHashMap<String, Metric> counters = new ConcurrentHashMap<>();

    @Inject
    public MtaStsMetrics(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
        this.cacheHits = metricFactory.generate(CACHE_HIT);
        this.cacheMisses = metricFactory.generate(CACHE_MISS);
        for (String name : List.of(ENFORCE_SESSIONS, ENFORCE_SUCCESS, TESTING_SESSIONS, SESSIONS_ALL,
                SESSIONS_ENCRYPTED, SESSIONS_CLEAR_TEXT, SESSIONS_UNVERIFIED, FETCH_ALL, FETCH_RETRIEVED,
                FETCH_SUCCESS, ENFORCEMENT_FAILURE, TLS_VALIDATED, TLS_FAILED)) {
            counter(name);
        }
        for (String lane : LANES) {
            counter(sessionMetric(lane, "all"));
            counter(sessionMetric(lane, "encrypted"));
        }
        for (ResultType type : ResultType.values()) {
            if (type.isPolicyFailure()) {
                counter(fetchMetric(Optional.of(type)));
            }
        }
    }

    /** The name of the counter of {@code lane}'s sessions: {@code kind} {@code all} or {@code encrypted}. */
    public static String sessionMetric(String lane, String kind) {
        return PREFIX + "sessions." + lane + "." + kind;
    }

    /** The name of the counter of delivery sessions in {@code mode} with {@code result}. */
    public static String deliveryMetric(String mode, String result) {
        return PREFIX + "delivery." + mode + "." + result;
    }

    /** The name of the counter of policy fetches that ended with {@code failure} (empty: success). */
    public static String fetchMetric(Optional<ResultType> failure) {
        return failure.map(type -> PREFIX + "policy.fetch." + type.wireName()).orElse(FETCH_SUCCESS);
    }

    @Override
    public void onOutcome(TlsOutcome outcome) {
        // RFC 7672 sessions count as mtasts.delivery.dane.<result>, whatever the domain's MTA-STS mode
        counter(deliveryMetric(outcome.isDane() ? DANE_LANE : outcome.mode().wireName(), outcome.result())).increment();
        counter(outcome.isSuccess() ? TLS_VALIDATED : TLS_FAILED).increment();
        // As DeliveryStatistics counts them: a policy that could not be obtained is no session of a mode, and a
        // session with a DANE host is the tlsa policy's (its successes are mtasts.delivery.dane.success).
        if (!outcome.isDane() && !outcome.failure().map(ResultType::isPolicyFailure).orElse(false)) {
            switch (outcome.mode()) {
                case ENFORCE:
                    counter(ENFORCE_SESSIONS).increment();
                    break;
                case TESTING:
                    counter(TESTING_SESSIONS).increment();
                    break;
                default:
                    break;
            }
        }
    }

    @Override
    public void onSession(OutboundSession session) {
        String lane = session.lane().toLowerCase(Locale.ROOT);
        lane = LANES.contains(lane) ? lane : "standard";
        counter(SESSIONS_ALL).increment();
        counter(sessionMetric(lane, "all")).increment();
        if (session.isEncrypted()) {
            counter(SESSIONS_ENCRYPTED).increment();
            counter(sessionMetric(lane, "encrypted")).increment();
            if (!session.certificateValid().orElse(false)) {
                counter(SESSIONS_UNVERIFIED).increment();
            }
        } else {
            counter(SESSIONS_CLEAR_TEXT).increment();
        }
    }

    @Override
    public void onEnforcementFailure(String domain) {
        counter(ENFORCEMENT_FAILURE).increment();
    }

    @Override
    public void onCacheHit() {
        cacheHits.increment();
    }

    @Override
    public void onCacheMiss() {
        cacheMisses.increment();
    }

    @Override
    public FetchWatch onFetchStarted(String domain) {
        TimeMetric timer = metricFactory.timer(FETCH_LATENCY);
        return failure -> {
            timer.stopAndPublish();
            counter(fetchMetric(failure)).increment();
            counter(FETCH_ALL).increment();
            // RFC 8460 §4.3.2.2: an invalid policy was retrieved; a fetch error or a WebPKI failure was not.
            if (failure.isEmpty() || failure.get() == ResultType.STS_POLICY_INVALID) {
                counter(FETCH_RETRIEVED).increment();
            }
        };
    }

    /** The name of the counter of received report mails rejected for {@code reason} (a RejectionReason code). */
    public static String inboundRejectedMetric(String reason) {
        return PREFIX + "inbound.reports.rejected." + reason;
    }

    /** The name of the counter of sessions that received reports count with {@code result}. */
    public static String inboundSessionsMetric(String result) {
        return PREFIX + "inbound.sessions." + result;
    }

    public void onReportAccepted() {
        counter(INBOUND_ACCEPTED).increment();
    }

    public void onReportRejected(String reason) {
        counter(inboundRejectedMetric(reason)).increment();
    }

    /**
     * {@code result} is {@code success} or a result type as the sender wrote it. Only the result types RFC 8460 §4.3
     * defines get a metric of their own, everything else counts as {@code other}: a sender must not be able to
     * create metrics at will.
     */
    public void onReportedSessions(String result, long sessions) {
        if (sessions <= 0) {
            return;
        }
        String name = REPORTED_RESULTS.contains(result) ? result : "other";
        counter(inboundSessionsMetric(name)).add((int) Math.min(sessions, Integer.MAX_VALUE));
    }

    private Metric counter(String name) {
        return counters.computeIfAbsent(name, metricFactory::generate);
    }
}
