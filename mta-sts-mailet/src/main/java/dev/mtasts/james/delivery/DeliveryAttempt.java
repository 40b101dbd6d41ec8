package dev.mtasts.james.delivery;

import dev.mtasts.cache.CachedPolicy;
import dev.mtasts.dane.DaneFailureText;
import dev.mtasts.dane.DomainPlan;
import dev.mtasts.dane.HostDecision;
import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.james.outcome.OutcomeRecorder;
import dev.mtasts.james.routing.AttemptFacts;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.tls.BothObservers;
import dev.mtasts.james.tls.MxConnection;
import dev.mtasts.james.tls.MxTls;
import dev.mtasts.james.tls.MxTlsObserver;
import dev.mtasts.james.tls.MxTlsScope;
import dev.mtasts.james.tls.SessionRecorder;
import dev.mtasts.james.tls.TlsFailure;
import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.ResultType;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.service.PolicyLookup;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One delivery attempt of one message (one recipient domain) by one of the RemoteDelivery lanes, from the moment
 * the lane's queue hands the message out to the moment the queue item is done.
 *
 * <p>James' RemoteDelivery runs an attempt on a single thread, synchronously: the queue item's {@code getMail()},
 * the MX lookup, JavaMail's connections, the retry or bounce decision and the item's {@code done()}. The attempt is
 * bound to that thread so that each of those steps, which James calls with no way to pass anything along, can add
 * what it learns (the policy that applied, each MX session's outcome) and read it back (to keep the cause in a
 * bounce). This binding is the one ThreadLocal left: {@code DNSService.findMXRecords(String)}, JavaMail's socket
 * factories and {@code MailetContext.bounce} get no parameter that could carry the attempt. What the lane decision
 * needs is handed to it as a value ({@link #facts()}).
 */
public final class DeliveryAttempt implements MxTlsObserver {

    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryAttempt.class);
    private static final ThreadLocal<DeliveryAttempt> CURRENT = new ThreadLocal<>();

    private final Mail mail;
    private final DeliveryRoute route;
    private final int retriesBefore;
    private final boolean lastAttempt;
    private final Duration retryDelay;
    private final OutcomeRecorder recorder;
    private final Clock clock;
    private final MxTlsScope tlsScope;
    private final List<TlsOutcome> outcomes = new ArrayList<>();
    private final Map<String, String> ehloNames = new HashMap<>();
    /** Sessions that offered STARTTLS and have no outcome yet: their handshake has not reached the certificate. */
    private final Map<String, MxConnection> handshakesPending = new LinkedHashMap<>();
    private boolean handshakeFailed;

    private String domain;
    private CachedPolicy policy;
    private DomainPlan danePlan;
    private String lookupFailure;
    private String decisionFailure;
    private DeliveryRoute reroute;
    private Duration rerouteDelay = Duration.ZERO;

    private DeliveryAttempt(Mail mail, DeliveryRoute route, int retriesBefore, boolean lastAttempt, Duration retryDelay,
                            OutcomeRecorder recorder, MxTls tls, Clock clock) {
        this.mail = Objects.requireNonNull(mail, "mail");
        this.route = Objects.requireNonNull(route, "route");
        this.retriesBefore = retriesBefore;
        this.lastAttempt = lastAttempt;
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Every lane's sessions are counted; only the policy lanes' sessions are MTA-STS outcomes.
        SessionRecorder sessions = new SessionRecorder(route.label(), recipientDomain(mail), recorder::recordSession,
            clock);
        MxTlsObserver observer = route == DeliveryRoute.STANDARD ? sessions : new BothObservers(this, sessions);
        // The DANE lane holds each MX host to its own demand (RFC 7672 §2.2), set once the domain is planned.
        this.tlsScope = route == DeliveryRoute.DANE ? MxTlsScope.openPerHost(tls, observer)
            : MxTlsScope.open(tls, observer, route == DeliveryRoute.ENFORCE);
    }

    private static String recipientDomain(Mail mail) {
        // James' RemoteDelivery queues one message per recipient domain.
        return mail.getRecipients().stream().findFirst()
            .map(recipient -> PolicyDomain.normalize(recipient.getDomain().asString())).orElse("");
    }

    /**
     * Binds a new attempt to the calling thread, replacing any stale one.
     *
     * @param retriesBefore how many times delivery of this message already failed
     * @param lastAttempt   whether a failure now fails the message for good
     * @param retryDelay    how long the lane's schedule waits after a failure of this attempt
     */
    static DeliveryAttempt begin(Mail mail, DeliveryRoute route, int retriesBefore, boolean lastAttempt,
                                 Duration retryDelay, OutcomeRecorder recorder, MxTls tls, Clock clock) {
        current().ifPresent(DeliveryAttempt::end);
        DeliveryAttempt attempt = new DeliveryAttempt(mail, route, retriesBefore, lastAttempt, retryDelay, recorder,
            tls, clock);
        CURRENT.set(attempt);
        return attempt;
    }

    static Optional<DeliveryAttempt> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The calling thread's attempt, if it is delivering exactly this message object. */
    static Optional<DeliveryAttempt> currentFor(Mail mail) {
        DeliveryAttempt attempt = CURRENT.get();
        return attempt != null && attempt.mail == mail ? Optional.of(attempt) : Optional.empty();
    }

    void end() {
        recordHandshakeFailures();
        if ((route == DeliveryRoute.ENFORCE || route == DeliveryRoute.DANE) && reroute().isEmpty()
            && failedOnPolicy()) {
            domain().ifPresent(recorder::recordEnforcementFailure);
        }
        tlsScope.close();
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    Mail mail() {
        return mail;
    }

    DeliveryRoute route() {
        return route;
    }

    int retriesBefore() {
        return retriesBefore;
    }

    boolean isLastAttempt() {
        return lastAttempt;
    }

    Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    /** What the lane decision knows of this attempt, read from the message and the lane's schedule. */
    AttemptFacts facts() {
        return AttemptFacts.firstAttempt()
            .withRetries(retriesBefore, lastAttempt)
            .withMoves(LaneMoves.of(mail))
            .withTlsRequiredNo(TlsRequiredHeader.saysNo(mail))
            .withTestingFallback(TestingFallback.isMarked(mail))
            .withRetryDelay(retryDelay);
    }

    /** Keeps what the policy lookup of {@code domain} answered. */
    void lookedUp(String domain, PolicyLookup lookup) {
        if (lookup instanceof PolicyLookup.Applicable) {
            policyApplies(domain, ((PolicyLookup.Applicable) lookup).cached());
        } else if (lookup instanceof PolicyLookup.TemporaryFailure) {
            lookupFailed(domain, ((PolicyLookup.TemporaryFailure) lookup).detail());
        } else {
            PolicyLookup.NoPolicy none = (PolicyLookup.NoPolicy) lookup;
            noPolicy(domain, none.failure(), none.detail());
        }
    }

    /**
     * The DANE lane's plan of this attempt (RFC 7672 §2.2): each MX host to try is held to its TLS demand, and a host
     * skipped on a bogus DNSSEC answer is recorded as a failed session ({@code dnssec-invalid}, RFC 8460 §4.3.2.2).
     */
    void planned(DomainPlan plan) {
        this.danePlan = Objects.requireNonNull(plan, "plan");
        for (DomainPlan.Host host : plan.hosts()) {
            Optional<HostDecision.TlsDemand> demand = host.demand();
            if (demand.isPresent()) {
                tlsScope.demand(host.facts().host(), demand.get());
            } else if (host.skipReason().orElseThrow() == ResultType.DNSSEC_INVALID) {
                HostDecision.Skip skip = (HostDecision.Skip) host.decision();
                record(new MxConnection(host.facts().host(), Optional.empty(), Optional.empty()),
                    Optional.of(new TlsFailure(skip.reason(), skip.detail())), "", Optional.of(host));
            }
        }
    }

    Optional<DomainPlan> danePlan() {
        return Optional.ofNullable(danePlan);
    }

    /** The plan's entry for {@code mxHost} when DANE decides its sessions (RFC 8460 policy type {@code tlsa}). */
    private Optional<DomainPlan.Host> daneHost(String mxHost) {
        return danePlan == null ? Optional.empty() : danePlan.host(mxHost).filter(DomainPlan.Host::isDane);
    }

    /** The lane decision deferred or bounced the message before any MX was tried, for {@code reason}. */
    void decisionFailed(String reason) {
        this.decisionFailure = reason;
    }

    Optional<CachedPolicy> policy() {
        return Optional.ofNullable(policy);
    }

    void policyApplies(String domain, CachedPolicy policy) {
        this.domain = domain;
        this.policy = policy;
        this.lookupFailure = null;
    }

    /**
     * No policy applies. When that is because the policy could not be fetched, RFC 8460 §4.3.2.2 counts the session
     * as failed ({@code sts-policy-fetch-error}, {@code sts-webpki-invalid}, {@code sts-policy-invalid}): recorded
     * with no MX host and no policy id, as the message goes on as though the domain had none (RFC 8461 §3.3).
     */
    void noPolicy(String domain, Optional<ResultType> fetchFailure, String detail) {
        this.domain = domain;
        this.policy = null;
        this.lookupFailure = null;
        fetchFailure.ifPresent(failure -> {
            TlsOutcome outcome = new TlsOutcome(clock.instant(), domain, Mode.NONE, "", "", Optional.of(failure),
                detail);
            outcomes.add(outcome);
            recorder.record(outcome);
        });
    }

    void lookupFailed(String domain, String detail) {
        this.domain = domain;
        this.lookupFailure = detail;
    }

    /** This lane no longer fits the domain's policy: the message moves to {@code target} when the attempt ends. */
    void rerouteTo(DeliveryRoute target) {
        moveTo(target, Duration.ZERO);
    }

    /** As {@link #rerouteTo}, the message waiting {@code delay} in {@code target}'s queue. */
    void moveTo(DeliveryRoute target, Duration delay) {
        this.reroute = Objects.requireNonNull(target, "target");
        this.rerouteDelay = Objects.requireNonNull(delay, "delay");
    }

    Optional<DeliveryRoute> reroute() {
        return Optional.ofNullable(reroute);
    }

    Duration rerouteDelay() {
        return rerouteDelay;
    }

    /** RFC 8461 §4.1: the policy permits none of the domain's MX hosts, so no session is even tried. */
    void noPermittedMx(List<String> mxHosts) {
        for (String mxHost : mxHosts) {
            record(new MxConnection(mxHost, Optional.empty(), Optional.empty()),
                Optional.of(new TlsFailure(ResultType.VALIDATION_FAILURE,
                    "MX host not permitted by the policy (mx: " + patterns() + ")")), "");
        }
    }

    @Override
    public void ehloReplied(MxConnection connection, String ehloName, boolean startTlsOffered) {
        ehloNames.put(connection.mxHost(), ehloName);
        recordHandshakeFailures();
        if (startTlsOffered) {
            handshakesPending.put(connection.mxHost(), connection);
        } else {
            record(connection, notPermitted(connection.mxHost())
                .or(() -> Optional.of(new TlsFailure(ResultType.STARTTLS_NOT_SUPPORTED,
                    "the MX did not offer STARTTLS"))), "");
        }
    }

    @Override
    public void certificateVerified(MxConnection connection, Optional<TlsFailure> failure, String sessionDetail) {
        // A host held to DANE without authentication (encrypt only) is DANE's to report; for a DANE-authenticated
        // host this is the check of the MTA-STS policy that applies too (RFC 8461 §2), reported as such.
        Optional<DomainPlan.Host> encryptOnly = daneHost(connection.mxHost())
            .filter(host -> host.demand().map(demand -> demand.dane().isEmpty()).orElse(false));
        if (encryptOnly.isPresent()) {
            // RFC 7672 §3.1.3: encryption without authentication; the certificate's verdict only counts where an
            // MTA-STS enforce policy held the session to it (and then failed it).
            boolean enforced = encryptOnly.get().demand().map(demand -> demand.pkix() == Mode.ENFORCE).orElse(false);
            record(connection, enforced ? failure : Optional.empty(), sessionDetail, encryptOnly);
            return;
        }
        record(connection, notPermitted(connection.mxHost()).or(() -> failure), sessionDetail, Optional.empty());
    }

    @Override
    public void daneChecked(MxConnection connection, Optional<TlsFailure> failure, String sessionDetail) {
        record(connection, failure, sessionDetail, daneHost(connection.mxHost()));
    }

    // RFC 8461 §4.1: in testing mode the lane does not filter MX hosts, so a session may reach an unlisted one.
    private Optional<TlsFailure> notPermitted(String mxHost) {
        if (policy == null || policy.policy().permits(mxHost)) {
            return Optional.empty();
        }
        return Optional.of(new TlsFailure(ResultType.VALIDATION_FAILURE,
            "MX host not permitted by the policy (mx: " + patterns() + ")"));
    }

    private String patterns() {
        return policy == null ? "" : policy.policy().mx().stream().map(Object::toString)
            .collect(Collectors.joining(", "));
    }

    /**
     * A session that offered STARTTLS but never showed a certificate failed in the handshake itself, e.g. on the
     * protocol version (RFC 8461 §4.2 with RFC 8996: TLS 1.2 or newer): RFC 8460 §4.3.1 {@code validation-failure}.
     */
    private void recordHandshakeFailures() {
        List<MxConnection> failed = List.copyOf(handshakesPending.values());
        handshakesPending.clear();
        handshakeFailed |= !failed.isEmpty();
        for (MxConnection connection : failed) {
            record(connection, notPermitted(connection.mxHost()).or(() -> Optional.of(new TlsFailure(
                ResultType.VALIDATION_FAILURE, "the TLS handshake failed before a certificate was shown"
                    + " (no common TLS version or cipher: TLS 1.2 or newer is required)"))), "");
        }
    }

    private void record(MxConnection connection, Optional<TlsFailure> failure, String successDetail) {
        record(connection, failure, successDetail, daneHost(connection.mxHost()));
    }

    /** @param dane the plan's entry for the host when DANE decides the session: a {@code tlsa} outcome */
    private void record(MxConnection connection, Optional<TlsFailure> failure, String successDetail,
                        Optional<DomainPlan.Host> dane) {
        handshakesPending.remove(connection.mxHost());
        if (domain == null || (policy == null && dane.isEmpty())) {
            LOGGER.debug("MTA-STS: session with {} outside of a policy or DANE domain's delivery: {}",
                connection.mxHost(), failure);
            return;
        }
        // RFC 7672 §3.1.3: a session held to only unusable TLSA records succeeds, and is reported as tlsa-invalid.
        Optional<TlsFailure> reported = failure.isPresent() || dane.isEmpty() ? failure
            : dane.get().demand().flatMap(demand -> demand.recorded()
                .map(type -> new TlsFailure(type, demand.why())));
        Mode mode = policy == null ? Mode.NONE : policy.policy().mode();
        TlsOutcome outcome = new TlsOutcome(clock.instant(), domain, mode, policy == null ? "" : policy.id(),
            connection.mxHost(), reported.map(TlsFailure::type),
            reported.map(TlsFailure::detail).orElse(successDetail));
        if (policy != null) {
            outcome = outcome.withPolicy(policy);
        }
        if (dane.isPresent()) {
            outcome = outcome.withTlsa(dane.get().tlsaPresentation());
        }
        if (connection.receivingIp().isPresent()) {
            outcome = outcome.withReceivingIp(connection.receivingIp().get());
        }
        if (connection.sendingIp().isPresent()) {
            outcome = outcome.withSendingMtaIp(connection.sendingIp().get());
        }
        String ehloName = ehloNames.get(connection.mxHost());
        if (ehloName != null && !ehloName.isEmpty()) {
            outcome = outcome.withReceivingMxHelo(ehloName);
        }
        outcomes.add(outcome);
        recorder.record(outcome);
    }

    /** Whether a session of this attempt failed in the TLS handshake before a certificate was shown. */
    boolean handshakeFailedBeforeCertificate() {
        recordHandshakeFailures();
        return handshakeFailed;
    }

    List<TlsOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    Optional<TlsOutcome> lastOutcome() {
        return outcomes.isEmpty() ? Optional.empty() : Optional.of(outcomes.get(outcomes.size() - 1));
    }

    /**
     * Why the enforce lane could not deliver safely in this attempt, for the bounce: the policy, each MX host and its
     * RFC 8460 result type. Empty when MTA-STS did not stand in the way.
     */
    Optional<String> failureNotice() {
        recordHandshakeFailures();
        boolean authenticating = route == DeliveryRoute.ENFORCE || route == DeliveryRoute.DANE;
        if (!authenticating || (decisionFailure != null && (lookupFailure == null || route == DeliveryRoute.DANE))) {
            return Optional.ofNullable(decisionFailure).map(reason -> (route == DeliveryRoute.DANE
                ? "DANE (RFC 7672) and MTA-STS (RFC 8461): " : "MTA-STS (RFC 8461): ") + domain + ": " + reason);
        }
        if (route == DeliveryRoute.DANE) {
            return danePlan == null ? Optional.empty() : DaneFailureText.notice(domain, Optional.ofNullable(policy)
                .map(applied -> "policy id " + applied.id() + ", mode " + applied.policy().mode().wireName()),
                danePlan, outcomes);
        }
        if (lookupFailure != null && policy == null) {
            return Optional.of("MTA-STS (RFC 8461): the policy of " + domain + " could not be looked up, so no MX"
                + " host could be checked: " + lookupFailure);
        }
        if (policy == null || outcomes.isEmpty() || outcomes.stream().anyMatch(TlsOutcome::isSuccess)) {
            return Optional.empty();
        }
        StringBuilder notice = new StringBuilder("MTA-STS (RFC 8461): no MX host of ").append(domain)
            .append(" passed the checks of its policy (policy id ").append(policy.id()).append(", mode ")
            .append(policy.policy().mode().wireName()).append("):");
        for (TlsOutcome outcome : outcomes) {
            notice.append("\n  MX ").append(outcome.mxHost()).append(": ").append(outcome.result()).append(": ")
                .append(outcome.detail());
        }
        return Optional.of(notice.toString());
    }

    /**
     * {@link #failureNotice()} on one line, for where a line break would break the format: a DSN's
     * {@code Status} and {@code Diagnostic-Code} fields (James' {@code delivery-error} attribute), a mail attribute.
     */
    Optional<String> failureSummary() {
        return failureNotice().map(notice -> notice.replace(":\n  ", ": ").replace("\n  ", "; "));
    }

    /** Whether an MTA-STS check (rather than, say, a refused recipient) is why this attempt failed. */
    boolean failedOnPolicy() {
        return failureNotice().isPresent();
    }
}
