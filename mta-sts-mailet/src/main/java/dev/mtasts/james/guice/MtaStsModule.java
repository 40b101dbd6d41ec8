package dev.mtasts.james.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.cache.PolicyStore;
import dev.mtasts.discovery.RecordDiscovery;
import dev.mtasts.dane.DaneMode;
import dev.mtasts.dane.DanePlanner;
import dev.mtasts.dane.DaneState;
import dev.mtasts.dns.CachingDnssecLookup;
import dev.mtasts.dns.DnsLookup;
import dev.mtasts.dns.DnsjavaDnssecLookup;
import dev.mtasts.dns.DnssecLookup;
import dev.mtasts.dns.ResolverValidation;
import dev.mtasts.james.metrics.DaneGauge;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import dev.mtasts.fetch.PolicyFetcher;
import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.james.config.InvalidSettingException;
import dev.mtasts.james.config.MtaStsSettings;
import dev.mtasts.james.config.MtaStsPropertiesFile;
import dev.mtasts.james.config.MtaStsSettingsParser;
import dev.mtasts.james.outcome.OutcomeListener;
import dev.mtasts.james.outcome.OutcomeRecorder;
import dev.mtasts.james.routing.PolicyRouting;
import dev.mtasts.james.tls.MxCertificateVerifier;
import dev.mtasts.james.tls.MxTls;
import dev.mtasts.service.PolicyRefresher;
import dev.mtasts.service.PolicyService;
import dev.mtasts.service.PolicyServiceSettings;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Scopes;
import dev.mtasts.james.metrics.MtaStsMetrics;
import dev.mtasts.james.metrics.PolicyGauges;
import dev.mtasts.james.report.JamesMailReportTransport;
import dev.mtasts.james.report.ReportingOutcomeListener;
import dev.mtasts.report.FileTlsReportStore;
import dev.mtasts.report.MailReportTransport;
import dev.mtasts.report.TlsReportSettings;
import dev.mtasts.report.TlsReportStore;
import dev.mtasts.report.TlsReporting;

import dev.mtasts.inbound.FileReceivedReportStore;
import dev.mtasts.inbound.ReceivedReportStore;
import dev.mtasts.inbound.ReportMailReader;
import dev.mtasts.inbound.RolloutRules;
import dev.mtasts.james.config.InboundReportSettings;
import dev.mtasts.james.inbound.LocalDomains;
import dev.mtasts.james.inbound.ReportIntake;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The extension's Guice module, named in James' {@code extensions.properties}:
 * <pre>{@code guice.extension.module=dev.mtasts.james.guice.MtaStsModule}</pre>
 * James puts every extension module in one child injector, so the singletons bound here — above all the one
 * {@link PolicyService} with its cache — are shared by the {@code MtaStsEnforced} matcher, the
 * {@code MtaStsRemoteDelivery} mailet and any other extension class James creates.
 *
 * <p>Reads {@code mta-sts.properties} from James' conf directory (absent: every default); an invalid value stops
 * James at start-up with a message naming the key. Further {@link OutcomeListener}s (metrics, TLS reports) join
 * with {@code Multibinder.newSetBinder(binder(), OutcomeListener.class).addBinding()}; the module adds two: the
 * metrics ({@link MtaStsMetrics}) and TLS reporting ({@link TlsReporting}, a singleton, started here and closed
 * when James stops by {@link MtaStsLifecycle}, with the policy refresher and the fetcher's connection pool). The
 * owner's side — reports received about our own domains — gets its store under
 * {@code reports.inbound.directory}, its {@link ReportIntake} (used by {@code TlsReportReceiver}) and the rollout
 * rules of the {@code rollout.*} keys.
 */
public class MtaStsModule extends AbstractModule {

    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsModule.class);

    @Override
    protected void configure() {
        Multibinder<OutcomeListener> listeners = Multibinder.newSetBinder(binder(), OutcomeListener.class);
        listeners.addBinding().to(MtaStsMetrics.class);
        listeners.addBinding().to(ReportingOutcomeListener.class);
        bind(MtaStsMetrics.class).in(Scopes.SINGLETON);
        bind(MailReportTransport.class).to(JamesMailReportTransport.class);
        bind(MtaStsLifecycle.class).asEagerSingleton();
        bind(DaneGauge.class).asEagerSingleton();
        bind(PolicyGauges.class).asEagerSingleton();
    }

    /** RFC 7672 §2.1: TLSA and MX answers with the AD bit of the configured resolver, kept for their TTL. */
    @Provides
    @Singleton
    DnssecLookup dnssecLookup(MtaStsSettings settings) {
        return new CachingDnssecLookup(EngineWiring.dnssecLookup(settings));
    }

    /**
     * Whether DANE applies: {@code dane.enabled} and whether the resolver validates (the AD bit on
     * {@code dane.validationProbe}). The first probe runs in the background at start-up; each change is logged once.
     */
    /** DANE for outbound delivery (RFC 7672 §2.2): per attempt, what each MX host of a domain is held to. */
    @Provides
    @Singleton
    DanePlanner danePlanner(DaneState state, DnssecLookup lookup) {
        return new DanePlanner(state, lookup);
    }

    @Provides
    @Singleton
    DaneState daneState(MtaStsSettings settings) {
        DnsjavaDnssecLookup lookup = EngineWiring.dnssecLookup(settings);
        String probeName = settings.dane().validationProbe();
        DaneState state = new DaneState(settings.dane().mode(), () -> ResolverValidation.probe(lookup, probeName),
            Clock.systemUTC(), DaneState.DEFAULT_REPROBE_INTERVAL, activation -> {
                if (activation.degraded().isPresent()) {
                    LOGGER.warn("{}", activation.degraded().get());
                } else {
                    LOGGER.info("{}", activation.detail());
                }
            });
        if (settings.dane().mode() != DaneMode.OFF) {
            Mono.fromRunnable(state::current).subscribeOn(Schedulers.boundedElastic()).subscribe();
        }
        return state;
    }

    @Provides
    @Singleton
    MtaStsSettings settings(JamesDirectoriesProvider directories) {
        Path workingDirectory = Path.of(directories.getRootDirectory()).toAbsolutePath();
        Path varDirectory = Path.of(directories.getVarDirectory()).toAbsolutePath();
        try {
            MtaStsSettings settings = MtaStsSettingsParser.parse(read(directories), workingDirectory, varDirectory);
            LOGGER.info("MTA-STS settings: {}", settings);
            return settings;
        } catch (InvalidSettingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The file in James' conf directory, read as written ({@link MtaStsPropertiesFile}: no list splitting). */
    private static Map<String, String> read(JamesDirectoriesProvider directories) {
        Path file = Path.of(directories.getConfDirectory()).resolve(MtaStsSettings.FILE_NAME + ".properties");
        try {
            Optional<Map<String, String>> values = MtaStsPropertiesFile.read(file);
            if (values.isEmpty()) {
                LOGGER.info("No {}: MTA-STS runs with its defaults", file);
            }
            return values.orElse(Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    TrustAnchors trustAnchors(MtaStsSettings settings) {
        try {
            return EngineWiring.trustAnchors(settings.trust());
        } catch (InvalidSettingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    DnsLookup dnsLookup(MtaStsSettings settings) {
        return EngineWiring.dnsLookup(settings);
    }

    @Provides
    @Singleton
    PolicyFetcher policyFetcher(MtaStsSettings settings, TrustAnchors trustAnchors, DnsLookup dns) {
        return EngineWiring.policyFetcher(settings, trustAnchors, dns);
    }

    @Provides
    @Singleton
    PolicyStore policyStore(MtaStsSettings settings) {
        try {
            return EngineWiring.policyStore(settings);
        } catch (InvalidSettingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    PolicyService policyService(DnsLookup dns, PolicyFetcher fetcher, PolicyStore store, MtaStsSettings settings,
                                Clock clock, MtaStsMetrics metrics, TlsReporting reporting) {
        PolicyServiceSettings serviceSettings = PolicyServiceSettings.defaults()
            .withRecheckGrace(settings.recheckGrace())
            .withRefreshInterval(settings.refreshInterval());
        PolicyService service = new PolicyService(new RecordDiscovery(dns), fetcher, store, serviceSettings, clock,
            settings.maxDomains());
        service.setListener(new ObservingPolicyServiceListener(metrics, reporting.statistics()));
        return service;
    }

    /** RFC 8461 §3.3: refresh cached policies before they expire. Closed when James stops ({@link MtaStsLifecycle}). */
    @Provides
    @Singleton
    PolicyRefresher policyRefresher(PolicyService service) {
        return new PolicyRefresher(service).start();
    }

    @Provides
    @Singleton
    TlsReportStore tlsReportStore(MtaStsSettings settings) {
        try {
            return new FileTlsReportStore(settings.reports().storeDirectory());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(MtaStsSettingsParser.REPORTS_DIRECTORY + ": cannot use "
                + settings.reports().storeDirectory() + " for TLS reports: " + e, e);
        }
    }

    @Provides
    @Singleton
    TlsReporting tlsReporting(MtaStsSettings settings, TlsReportStore store, DnsLookup dns, TrustAnchors trustAnchors,
                              MailReportTransport mail, Clock clock) {
        TlsReportSettings reportSettings = EngineWiring.reportSettings(settings.reports());
        LOGGER.info("TLS reports: {}", reportSettings);
        return TlsReporting.create(reportSettings, store, new RecordDiscovery(dns), trustAnchors, mail, clock).start();
    }

    @Provides
    @Singleton
    ReceivedReportStore receivedReportStore(MtaStsSettings settings, Clock clock) {
        try {
            return new FileReceivedReportStore(settings.inbound().directory(), settings.inbound().storage(), clock);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(MtaStsSettingsParser.INBOUND_DIRECTORY + ": cannot use "
                + settings.inbound().directory() + " for received TLS reports: " + e, e);
        }
    }

    @Provides
    @Singleton
    ReportIntake reportIntake(MtaStsSettings settings, ReceivedReportStore store, LocalDomains localDomains,
                              MtaStsMetrics metrics, Clock clock) {
        InboundReportSettings inbound = settings.inbound();
        return new ReportIntake(new ReportMailReader(inbound.limits()), store, inbound, localDomains, metrics, clock);
    }

    @Provides
    @Singleton
    RolloutRules rolloutRules(MtaStsSettings settings) {
        return settings.inbound().rollout();
    }

    @Provides
    @Singleton
    PolicyRouting policyRouting(PolicyService service, MtaStsSettings settings) {
        return new PolicyRouting(service, settings.lookupFailureAction());
    }

    @Provides
    @Singleton
    OutcomeRecorder outcomeRecorder(Set<OutcomeListener> listeners) {
        return new OutcomeRecorder(listeners);
    }

    @Provides
    @Singleton
    MxTls mxTls(TrustAnchors trustAnchors, Clock clock) {
        return new MxTls(new MxCertificateVerifier(trustAnchors.trustManager(), clock));
    }
}
