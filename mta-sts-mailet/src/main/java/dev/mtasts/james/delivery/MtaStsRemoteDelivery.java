package dev.mtasts.james.delivery;

import dev.mtasts.dane.DanePlanner;
import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.james.config.FailureAction;
import dev.mtasts.james.config.MtaStsSettings;
import dev.mtasts.james.outcome.OutcomeRecorder;
import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.james.tls.MxAddressNamingDnsService;
import dev.mtasts.james.tls.MxTls;
import dev.mtasts.james.tls.StandardLaneTls;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Inject;
import javax.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * James' {@code RemoteDelivery} with MTA-STS (RFC 8461) — a drop-in replacement: same init parameters, same queue,
 * same retry schedule and bounces.
 *
 * <h2>Design</h2>
 * James' RemoteDelivery fixes its TLS behaviour per mailet instance (the JavaMail session properties), while MTA-STS
 * needs it per recipient domain. So this mailet runs four James RemoteDelivery instances — lanes — and sends each
 * recipient domain to the lane its policy calls for:
 * <ul>
 *     <li><b>standard</b> (no policy, or mode none): the operator's parameters and queue, with opportunistic TLS
 *     ({@link dev.mtasts.james.tls.StandardLaneTls}; {@code opportunisticTls=false}: James' behaviour exactly);</li>
 *     <li><b>testing</b>: the operator's parameters with opportunistic STARTTLS; every certificate is checked and the
 *     outcome reported, but nothing is refused (RFC 8461 §5); queue {@code <outgoing>-mta-sts-testing};</li>
 *     <li><b>enforce</b>: STARTTLS required, TLS 1.2 or newer, the chain checked against the configured trust
 *     anchors and the certificate against the MX host name, only MX hosts the policy lists (RFC 8461 §4); no init
 *     parameter can weaken this; queue {@code <outgoing>-mta-sts-enforce};</li>
 *     <li><b>dane</b>: a domain with an MX host held to DANE (RFC 7672 §2.2), whatever its MTA-STS mode: the MX hosts
 *     its DANE plan keeps, at the addresses the validating resolver gave, each session held to its host's own demand
 *     ({@link dev.mtasts.james.tls.DaneStartTlsSocketFactory}); queue {@code <outgoing>-mta-sts-dane}.</li>
 * </ul>
 * Each lane is a real James RemoteDelivery, given wrapped collaborators:
 * <ul>
 *     <li>its DNS ({@link PolicyAwareDnsService}) re-reads the policy at every attempt — from the TXT record itself
 *     on the last one (RFC 8461 §5.1) — filters the enforce lane's MX hosts, and moves a message whose domain's
 *     policy changed to the right lane;</li>
 *     <li>its queue ({@link AttemptTrackingMailQueue}) brackets each attempt, stores the outcome on the message when
 *     it is retried, and with {@code failureAction=reject} bounces at once;</li>
 *     <li>its mailet context ({@link CauseKeepingMailetContext}) puts the MTA-STS cause into the final bounce, which
 *     James alone would reduce to "Too many retries";</li>
 *     <li>JavaMail's socket factories (package {@code dev.mtasts.james.tls}) check certificates and classify each
 *     failure with its RFC 8460 result type.</li>
 * </ul>
 * {@code service()} runs on the mail spool's thread, so it routes by the cached policy only and does no DNS or
 * HTTPS: a domain with nothing cached goes to the standard lane, whose DNS looks the policy up on the delivery thread
 * and moves the message to the lane it calls for before connecting to any MX (failing closed for an enforce domain
 * or an unanswered lookup with {@code delivery.lookupFailure=enforce}).
 * Failures of the enforce lane are temporary: retried on the operator's {@code delayTime} / {@code maxRetries}
 * schedule, then bounced with a notice naming the domain, the policy id, each MX host, its result type and detail.
 *
 * <h2>Testing domains whose MX cannot do TLS 1.2</h2>
 * The testing lane uses STARTTLS whenever an MX offers it, with TLS 1.2 or newer. When no handshake of an attempt
 * gets as far as a certificate (an MX that only speaks TLS 1.0, say), the failure is recorded and the message moves
 * to the standard lane, marked so that it stays there: it is then delivered with the operator's own parameters, as
 * though the domain had no policy (RFC 8461 §5: a testing policy never stops delivery; {@link TestingFallback}).
 *
 * <h2>Init parameters</h2>
 * All of RemoteDelivery's, except {@code gateway} (with a smart host, MTA-STS is the smart host's job). The
 * standard lane gets them all; the testing, enforce and DANE lanes only those on {@link LaneParameters}' allowlist,
 * so that TLS settings and parameters unknown to this version (such as James 3.9's {@code sslTrustAllCerts}) never
 * reach them. Plus
 * {@code failureAction}: {@code defer} or {@code reject}, overriding {@code delivery.failureAction} of
 * {@code mta-sts.properties} for this mailet; and {@code opportunisticTls}: {@code true} (default) or {@code false}.
 */
public class MtaStsRemoteDelivery extends GenericMailet {

    public static final String FAILURE_ACTION = "failureAction";
    /** Under {@code cache.directory}: the records of lane moves in flight ({@link LaneMoveLedger}). */
    static final String LANE_MOVES_DIRECTORY = "lane-moves";

    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsRemoteDelivery.class);

    private final DNSService dns;
    private final DomainList domainList;
    private final MailQueueFactory<?> queues;
    private final MetricFactory metrics;
    private final PolicyRouting routing;
    private final MtaStsSettings settings;
    private final OutcomeRecorder recorder;
    private final MxTls tls;
    private final Clock clock;
    private final RemoteDelivery.ThreadState threads;
    private final DanePlanner dane;

    // Published whole, once every lane's queue exists: a lane may reroute a message left in its durable queue from
    // before a restart as soon as it starts delivering.
    private volatile Map<DeliveryRoute, MailQueue> laneQueues = Map.of();
    private volatile Map<DeliveryRoute, RemoteDelivery> lanes = Map.of();

    @Inject
    public MtaStsRemoteDelivery(DNSService dns, DomainList domainList, MailQueueFactory<?> queues,
                                MetricFactory metrics, PolicyRouting routing, MtaStsSettings settings,
                                OutcomeRecorder recorder, MxTls tls, Clock clock, DanePlanner dane) {
        this(dns, domainList, queues, metrics, routing, settings, recorder, tls, clock,
            RemoteDelivery.ThreadState.START_THREADS, dane);
    }

    /** Without DANE ({@code dane.enabled=false}). */
    public MtaStsRemoteDelivery(DNSService dns, DomainList domainList, MailQueueFactory<?> queues,
                                MetricFactory metrics, PolicyRouting routing, MtaStsSettings settings,
                                OutcomeRecorder recorder, MxTls tls, Clock clock) {
        this(dns, domainList, queues, metrics, routing, settings, recorder, tls, clock,
            RemoteDelivery.ThreadState.START_THREADS, DanePlanner.off());
    }

    /** Without DANE; @param threads whether the lanes start delivering (tests that only look at routing do not) */
    public MtaStsRemoteDelivery(DNSService dns, DomainList domainList, MailQueueFactory<?> queues,
                                MetricFactory metrics, PolicyRouting routing, MtaStsSettings settings,
                                OutcomeRecorder recorder, MxTls tls, Clock clock, RemoteDelivery.ThreadState threads) {
        this(dns, domainList, queues, metrics, routing, settings, recorder, tls, clock, threads, DanePlanner.off());
    }

    /**
     * @param threads whether the lanes start delivering (tests that only look at routing do not)
     * @param dane    DANE for outbound mail (RFC 7672), applied while the configured resolver validates
     */
    public MtaStsRemoteDelivery(DNSService dns, DomainList domainList, MailQueueFactory<?> queues,
                                MetricFactory metrics, PolicyRouting routing, MtaStsSettings settings,
                                OutcomeRecorder recorder, MxTls tls, Clock clock, RemoteDelivery.ThreadState threads,
                                DanePlanner dane) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.domainList = Objects.requireNonNull(domainList, "domainList");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.dane = Objects.requireNonNull(dane, "dane");
    }

    @Override
    public void init() throws MessagingException {
        Map<String, String> operator = operatorParameters();
        if (operator.containsKey("gateway")) {
            throw new MessagingException(getMailetName() + ": the gateway parameter is not supported: with a smart"
                + " host, the smart host applies MTA-STS; use RemoteDelivery");
        }
        FailureAction failureAction = failureAction(operator);
        operator.remove(FAILURE_ACTION);
        StandardLaneTls standardTls = standardLaneTls(operator);
        List<String> standardOnly = LaneParameters.standardLaneOnly(operator);
        if (!standardOnly.isEmpty()) {
            LOGGER.warn("MTA-STS remote delivery {}: init parameters {} apply to mail without a policy only; the"
                + " testing, enforce and DANE lanes set their own TLS and pass on only parameters known to be safe",
                getMailetName(), standardOnly);
        }
        Map<DeliveryRoute, LaneMailetConfig> configs = new EnumMap<>(DeliveryRoute.class);
        Map<DeliveryRoute, MailQueue> createdQueues = new EnumMap<>(DeliveryRoute.class);
        for (DeliveryRoute route : DeliveryRoute.values()) {
            LaneMailetConfig config = new LaneMailetConfig(getMailetName() + "/" + route.label(),
                LaneParameters.forRoute(route, operator), getMailetContext());
            configs.put(route, config);
            // The queue RemoteDelivery's init creates (or finds) under the same name.
            createdQueues.put(route,
                queues.createQueue(new RemoteDeliveryConfiguration(config, domainList).getOutGoingQueueName()));
        }
        laneQueues = Map.copyOf(createdQueues);
        Map<DeliveryRoute, RemoteDelivery> started = new EnumMap<>(DeliveryRoute.class);
        LaneMoveLedger moves = LaneMoveLedger.open(settings.cacheDirectory().resolve(LANE_MOVES_DIRECTORY), clock);
        try {
            for (DeliveryRoute route : DeliveryRoute.values()) {
                started.put(route, initLane(route, configs.get(route), failureAction, moves));
            }
        } catch (MessagingException | RuntimeException e) {
            started.values().forEach(RemoteDelivery::destroy);
            throw e;
        }
        lanes = Map.copyOf(started);
        LOGGER.info("MTA-STS remote delivery {} started: queues {}, failure action {}, standard lane TLS {}",
            getMailetName(), laneQueueNames(), failureAction.configName(), standardTls);
    }

    private Map<String, String> operatorParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        Iterator<String> names = getInitParameterNames();
        while (names.hasNext()) {
            String name = names.next();
            parameters.put(name, getInitParameter(name));
        }
        return parameters;
    }

    private FailureAction failureAction(Map<String, String> operator) throws MessagingException {
        String value = operator.get(FAILURE_ACTION);
        if (value == null || value.isBlank()) {
            return settings.failureAction();
        }
        return FailureAction.fromConfigName(value).orElseThrow(() -> new MessagingException(getMailetName()
            + ": init parameter " + FAILURE_ACTION + " must be defer or reject, was " + value));
    }

    private StandardLaneTls standardLaneTls(Map<String, String> operator) throws MessagingException {
        try {
            StandardLaneTls standardTls = StandardLaneTls.of(operator);
            if (standardTls.mode() == StandardLaneTls.Mode.OPERATOR) {
                LOGGER.warn("MTA-STS remote delivery {}: mail without a policy uses the TLS parameters {} as James'"
                    + " RemoteDelivery would, not opportunistic TLS", getMailetName(),
                    standardTls.operatorTlsParameters());
            }
            return standardTls;
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": " + e.getMessage());
        }
    }

    private RemoteDelivery initLane(DeliveryRoute route, LaneMailetConfig config, FailureAction failureAction,
                                    LaneMoveLedger moves) throws MessagingException {
        RemoteDeliveryConfiguration configuration = new RemoteDeliveryConfiguration(config, domainList);
        Bouncer bouncer = new Bouncer(configuration, getMailetContext());
        DeliveryLane lane = new DeliveryLane(route, configuration, bouncer, failureAction, routing, recorder, tls,
            clock, this::reroute);
        AttemptTrackingMailQueueFactory laneQueueFactory = new AttemptTrackingMailQueueFactory(queues, lane, moves);
        // The naming DNS tells the TLS checks which MX host name an address came from.
        // The DANE lane connects to the addresses the validating resolver gave (RFC 7672 §2.2.2).
        DNSService addresses = route == DeliveryRoute.DANE ? new DnssecAddressDnsService(dns, dane) : dns;
        DNSService laneDns = new PolicyAwareDnsService(new MxAddressNamingDnsService(addresses), route, routing,
            dane);
        RemoteDelivery remoteDelivery = new RemoteDelivery(laneDns, domainList, laneQueueFactory, metrics, threads);
        remoteDelivery.init(config.withContext(
            new CauseKeepingMailetContext(getMailetContext(), configuration.getBounceProcessor())));
        return remoteDelivery;
    }

    private List<String> laneQueueNames() {
        return laneQueues.values().stream().map(queue -> queue.getName().asString()).sorted()
            .collect(Collectors.toUnmodifiableList());
    }

    private void reroute(Mail mail, DeliveryRoute target, Duration delay) throws MailQueue.MailQueueException {
        MailQueue queue = laneQueues.get(target);
        if (delay.isZero() || delay.isNegative()) {
            queue.enQueue(mail);
        } else {
            queue.enQueue(mail, delay);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        // A new delivery: what an earlier one left on the message (a bounce is a copy of the bounced mail) does not count.
        LaneMoves.reset(mail);
        TestingFallback.clear(mail);
        Collection<MailAddress> recipients = List.copyOf(mail.getRecipients());
        if (recipients.isEmpty() || TlsRequiredHeader.saysNo(mail)) {
            lanes.get(DeliveryRoute.STANDARD).service(mail);
            return;
        }
        Map<DeliveryRoute, List<MailAddress>> byRoute = byRoute(recipients);
        String name = mail.getName();
        try {
            for (Map.Entry<DeliveryRoute, List<MailAddress>> entry : byRoute.entrySet()) {
                mail.setName(name);
                mail.setRecipients(entry.getValue());
                lanes.get(entry.getKey()).service(mail);
            }
        } finally {
            mail.setName(name);
            mail.setRecipients(recipients);
        }
        mail.setState(Mail.GHOST);
    }

    private Map<DeliveryRoute, List<MailAddress>> byRoute(Collection<MailAddress> recipients) {
        Map<Domain, DeliveryRoute> routeByDomain = new LinkedHashMap<>();
        Map<DeliveryRoute, List<MailAddress>> byRoute = new EnumMap<>(DeliveryRoute.class);
        for (MailAddress recipient : recipients) {
            // No network I/O on the spool's thread: the lanes' own DNS looks the policy up (PolicyAwareDnsService).
            DeliveryRoute route = routeByDomain.computeIfAbsent(recipient.getDomain(), this::cachedRouteFor);
            byRoute.computeIfAbsent(route, any -> new ArrayList<>()).add(recipient);
        }
        return byRoute;
    }

    /** Where a message to {@code domain} starts, from what is known without DNS; its delivery corrects it. */
    private DeliveryRoute cachedRouteFor(Domain domain) {
        String name = domain.asString();
        return dane.recentlyHeldToDane(PolicyDomain.normalize(name)) ? DeliveryRoute.DANE
            : routing.cachedRouteFor(name);
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return Optional.ofNullable(lanes.get(DeliveryRoute.STANDARD))
            .map(RemoteDelivery::requiredProcessingState)
            .orElse(List.of());
    }

    @Override
    public void destroy() {
        lanes.values().forEach(RemoteDelivery::destroy);
    }

    @Override
    public String getMailetInfo() {
        return "MTA-STS (RFC 8461) remote delivery";
    }
}
