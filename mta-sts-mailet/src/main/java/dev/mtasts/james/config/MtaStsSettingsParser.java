package dev.mtasts.james.config;

import dev.mtasts.dane.DaneMode;
import dev.mtasts.discovery.PolicyDomain;
import dev.mtasts.dns.ResolverValidation;
import dev.mtasts.inbound.ReportLimits;
import dev.mtasts.inbound.RolloutRules;
import dev.mtasts.inbound.StoreLimits;
import dev.mtasts.dns.ResolverSettings;
import dev.mtasts.fetch.FetchSettings;
import dev.mtasts.report.TlsReportSettings;
import dev.mtasts.service.PolicyServiceSettings;
import org.apache.james.util.DurationParser;
import org.apache.james.util.Size;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code mta-sts.properties}. Every key is optional; an unknown key or an unusable value is an
 * {@link InvalidSettingException} naming the key, so a typo stops James at start-up instead of silently doing
 * something else.
 *
 * <p>Durations and sizes are read as James reads its own: {@link DurationParser} (a number, seconds unless a unit
 * follows: {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}..., e.g. {@code 90s}, {@code 5m}, {@code 1d}) and
 * {@link Size} ({@code 65536}, {@code 64K}, {@code 10M}). Values are taken as written: the file is read without
 * list splitting ({@link MtaStsPropertiesFile}). Every default is the engine's own constant, defined once.
 * Relative paths are resolved against James' working directory.
 */
public final class MtaStsSettingsParser {

    public static final String CACHE_DIRECTORY = "cache.directory";
    public static final String CACHE_MAX_DOMAINS = "cache.maxDomains";
    public static final String FETCH_TIMEOUT = "fetch.timeout";
    public static final String FETCH_MAX_BODY_BYTES = "fetch.maxBodyBytes";
    public static final String DNS_SERVERS = "dns.servers";
    public static final String DNS_TIMEOUT = "dns.timeout";
    public static final String TRUST_JDK_DEFAULTS = "trust.jdkDefaults";
    public static final String TRUST_PEM_FILES = "trust.pemFiles";
    public static final String TRUST_KEYSTORE = "trust.keystore";
    public static final String TRUST_KEYSTORE_TYPE = "trust.keystoreType";
    public static final String TRUST_KEYSTORE_PASSWORD = "trust.keystorePassword";
    public static final String REFRESH_INTERVAL = "refresh.interval";
    public static final String RECHECK_GRACE = "recheck.grace";
    public static final String FAILURE_ACTION = "delivery.failureAction";
    public static final String LOOKUP_FAILURE_ACTION = "delivery.lookupFailure";
    public static final String REPORTS_ENABLED = "reports.enabled";
    public static final String REPORTS_ORGANIZATION_NAME = "reports.organizationName";
    public static final String REPORTS_CONTACT_INFO = "reports.contactInfo";
    public static final String REPORTS_SUBMITTER = "reports.submitter";
    public static final String REPORTS_FAILURES_ONLY = "reports.failuresOnly";
    public static final String REPORTS_SEND_DELAY = "reports.sendDelay";
    public static final String REPORTS_SEND_JITTER = "reports.sendJitter";
    public static final String REPORTS_DIRECTORY = "reports.directory";
    public static final String REPORTS_FLUSH_INTERVAL = "reports.flushInterval";
    public static final String INBOUND_LOCAL_PART = "reports.inbound.localPart";
    public static final String INBOUND_REQUIRE_DKIM = "reports.inbound.requireDkim";
    public static final String INBOUND_DOMAINS = "reports.inbound.domains";
    public static final String INBOUND_PASS_ON = "reports.inbound.passOn";
    public static final String INBOUND_DIRECTORY = "reports.inbound.directory";
    public static final String INBOUND_MAX_MAIL_BYTES = "reports.inbound.maxMailBytes";
    public static final String INBOUND_MAX_DECOMPRESSED_BYTES = "reports.inbound.maxDecompressedBytes";
    public static final String INBOUND_MAX_COMPRESSION_RATIO = "reports.inbound.maxCompressionRatio";
    public static final String INBOUND_MAX_POLICIES = "reports.inbound.maxPolicies";
    public static final String INBOUND_MAX_FAILURE_DETAILS = "reports.inbound.maxFailureDetails";
    public static final String INBOUND_RETENTION = "reports.inbound.retention";
    public static final String INBOUND_MAX_REPORTS_PER_DAY = "reports.inbound.maxReportsPerDay";
    public static final String ROLLOUT_MIN_REPORT_DAYS = "rollout.minReportDays";
    public static final String ROLLOUT_RECENT_REPORT_WINDOW = "rollout.recentReportWindow";
    public static final String ROLLOUT_MAX_FAILURE_PERCENT = "rollout.maxFailurePercent";
    public static final String ROLLOUT_FAILURE_RATE_WINDOW = "rollout.failureRateWindow";
    public static final String ROLLOUT_MIN_ENFORCE_MAX_AGE = "rollout.minEnforceMaxAge";
    public static final String DANE_ENABLED = "dane.enabled";
    public static final String DANE_VALIDATION_PROBE = "dane.validationProbe";

    public static final Set<String> KEYS = Set.of(
        CACHE_DIRECTORY, CACHE_MAX_DOMAINS, FETCH_TIMEOUT, FETCH_MAX_BODY_BYTES, DNS_SERVERS, DNS_TIMEOUT,
        TRUST_JDK_DEFAULTS, TRUST_PEM_FILES, TRUST_KEYSTORE, TRUST_KEYSTORE_TYPE, TRUST_KEYSTORE_PASSWORD,
        REFRESH_INTERVAL, RECHECK_GRACE, FAILURE_ACTION, LOOKUP_FAILURE_ACTION, REPORTS_ENABLED,
        REPORTS_ORGANIZATION_NAME, REPORTS_CONTACT_INFO, REPORTS_SUBMITTER, REPORTS_FAILURES_ONLY, REPORTS_SEND_DELAY,
        REPORTS_SEND_JITTER, REPORTS_DIRECTORY, REPORTS_FLUSH_INTERVAL, INBOUND_LOCAL_PART, INBOUND_REQUIRE_DKIM,
        INBOUND_DOMAINS, INBOUND_PASS_ON, INBOUND_DIRECTORY, INBOUND_MAX_MAIL_BYTES, INBOUND_MAX_DECOMPRESSED_BYTES,
        INBOUND_MAX_COMPRESSION_RATIO, INBOUND_MAX_POLICIES, INBOUND_MAX_FAILURE_DETAILS, INBOUND_RETENTION,
        INBOUND_MAX_REPORTS_PER_DAY, ROLLOUT_MIN_REPORT_DAYS, ROLLOUT_RECENT_REPORT_WINDOW, ROLLOUT_MAX_FAILURE_PERCENT,
        ROLLOUT_FAILURE_RATE_WINDOW, ROLLOUT_MIN_ENFORCE_MAX_AGE, DANE_ENABLED, DANE_VALIDATION_PROBE);
    /** The received reports' directory under the cache directory, by default. */
    public static final String DEFAULT_INBOUND_SUBDIRECTORY = "received-tls-reports";
    public static final String DEFAULT_INBOUND_LOCAL_PART = RolloutRules.defaults().reportLocalPart();
    // RFC 8460 §5 leaves the limits to the receiver: the engine's defaults, defined once in ReportLimits.
    private static final ReportLimits DEFAULT_INBOUND_LIMITS = ReportLimits.defaults();
    // RFC 8461 §5 leaves the switch to enforce to the owner: the engine's defaults, defined once in RolloutRules.
    private static final RolloutRules DEFAULT_ROLLOUT = RolloutRules.defaults();
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern PERCENT = Pattern.compile("\\d{1,2}(\\.\\d{1,4})?|100");
    /** The report store's directory under the cache directory, by default. */
    public static final String DEFAULT_REPORTS_SUBDIRECTORY = "tls-reports";

    public static final String DEFAULT_CACHE_SUBDIRECTORY = "mta-sts";
    public static final int DEFAULT_MAX_DOMAINS = 100_000;
    public static final Duration DEFAULT_DNS_TIMEOUT = Duration.ofSeconds(5);
    public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";

    private static final int MAX_BODY_BYTES_LIMIT = 16 * 1024 * 1024;

    private final Map<String, String> values;
    private final Path workingDirectory;

    private MtaStsSettingsParser(Map<String, String> values, Path workingDirectory) {
        this.values = values;
        this.workingDirectory = workingDirectory;
    }

    /**
     * @param values           the file's keys and values; a value listing several items is comma-separated
     * @param workingDirectory James' working directory, against which relative paths are resolved
     * @param varDirectory     James' {@code var} directory, holding the default cache directory
     */
    public static MtaStsSettings parse(Map<String, String> values, Path workingDirectory, Path varDirectory)
        throws InvalidSettingException {
        return new MtaStsSettingsParser(values, workingDirectory).parse(varDirectory);
    }

    /** The settings of an absent or empty file. */
    public static MtaStsSettings defaults(Path workingDirectory, Path varDirectory) {
        try {
            return parse(Map.of(), workingDirectory, varDirectory);
        } catch (InvalidSettingException e) {
            throw new IllegalStateException("the defaults are valid", e);
        }
    }

    private MtaStsSettings parse(Path varDirectory) throws InvalidSettingException {
        rejectUnknownKeys();
        Path cacheDirectory = path(CACHE_DIRECTORY).orElse(varDirectory.resolve(DEFAULT_CACHE_SUBDIRECTORY));
        int maxDomains = integer(CACHE_MAX_DOMAINS, DEFAULT_MAX_DOMAINS, 1, Integer.MAX_VALUE);
        Duration fetchTimeout = duration(FETCH_TIMEOUT, FetchSettings.DEFAULT_TIMEOUT, Duration.ofMillis(1),
            Duration.ofMinutes(10));
        int fetchMaxBodyBytes = (int) size(FETCH_MAX_BODY_BYTES, FetchSettings.DEFAULT_MAX_BODY_BYTES, 1,
            MAX_BODY_BYTES_LIMIT);
        List<InetSocketAddress> dnsServers = dnsServers();
        Duration dnsTimeout = duration(DNS_TIMEOUT, DEFAULT_DNS_TIMEOUT, Duration.ofMillis(1), Duration.ofMinutes(1));
        TrustSettings trust = trust();
        Duration refreshInterval = duration(REFRESH_INTERVAL, PolicyServiceSettings.DEFAULT_REFRESH_INTERVAL, Duration.ofMinutes(1),
            Duration.ofDays(30));
        Duration recheckGrace = duration(RECHECK_GRACE, PolicyServiceSettings.DEFAULT_RECHECK_GRACE, Duration.ZERO, Duration.ofDays(1));
        FailureAction failureAction = choice(FAILURE_ACTION, FailureAction.DEFER, FailureAction::fromConfigName,
            "defer or reject");
        LookupFailureAction lookupFailureAction = choice(LOOKUP_FAILURE_ACTION, LookupFailureAction.ENFORCE,
            LookupFailureAction::fromConfigName, "enforce or no-policy");
        return new MtaStsSettings(cacheDirectory, maxDomains, fetchTimeout, fetchMaxBodyBytes, dnsServers, dnsTimeout,
            trust, refreshInterval, recheckGrace, failureAction, lookupFailureAction, reports(cacheDirectory),
            inbound(cacheDirectory), dane());
    }

    /** RFC 7672 §2.1: DANE needs a validating resolver; the probe name's SOA must carry the AD bit. */
    private DaneSettings dane() throws InvalidSettingException {
        DaneMode mode = choice(DANE_ENABLED, DaneMode.AUTO, DaneMode::fromConfigName, "auto, true or false");
        String probe = value(DANE_VALIDATION_PROBE).orElse(ResolverValidation.ROOT);
        if (!probe.equals(".") && !PolicyDomain.isHostName(PolicyDomain.normalize(probe))) {
            throw new InvalidSettingException(DANE_VALIDATION_PROBE, "not a domain name: " + probe);
        }
        return new DaneSettings(mode, probe);
    }

    private ReportSettings reports(Path cacheDirectory) throws InvalidSettingException {
        boolean enabled = bool(REPORTS_ENABLED, true);
        Optional<String> organizationName = value(REPORTS_ORGANIZATION_NAME);
        Optional<String> contactInfo = value(REPORTS_CONTACT_INFO);
        Optional<String> submitter = value(REPORTS_SUBMITTER);
        if (submitter.isPresent() && !submitter.get().matches("[A-Za-z0-9.-]{1,253}")) {
            // RFC 8460 §5.3: the submitter is a domain name, also a field of the attachment's file name
            throw new InvalidSettingException(REPORTS_SUBMITTER, "must be a domain name, was '" + submitter.get()
                + "'");
        }
        boolean failuresOnly = bool(REPORTS_FAILURES_ONLY, false);
        Duration sendDelay = duration(REPORTS_SEND_DELAY, TlsReportSettings.DEFAULT_SEND_DELAY, Duration.ZERO, Duration.ofDays(1));
        Duration sendJitter = duration(REPORTS_SEND_JITTER, TlsReportSettings.DEFAULT_SEND_JITTER, Duration.ZERO, Duration.ofDays(1));
        Path directory = path(REPORTS_DIRECTORY).orElse(cacheDirectory.resolve(DEFAULT_REPORTS_SUBDIRECTORY));
        Duration flushInterval = duration(REPORTS_FLUSH_INTERVAL, TlsReportSettings.DEFAULT_FLUSH_INTERVAL, Duration.ofMillis(100),
            Duration.ofHours(1));
        return new ReportSettings(enabled, organizationName, contactInfo, submitter, failuresOnly, sendDelay,
            sendJitter, directory, flushInterval);
    }

    private InboundReportSettings inbound(Path cacheDirectory) throws InvalidSettingException {
        String localPart = value(INBOUND_LOCAL_PART).orElse(DEFAULT_INBOUND_LOCAL_PART);
        if (!LOCAL_PART.matcher(localPart).matches()) {
            throw new InvalidSettingException(INBOUND_LOCAL_PART, "not the local part of an address: " + localPart);
        }
        boolean requireDkim = bool(INBOUND_REQUIRE_DKIM, false);
        Set<String> domains = new TreeSet<>();
        for (String domain : list(INBOUND_DOMAINS)) {
            String normalized = PolicyDomain.normalize(domain);
            if (!PolicyDomain.isHostName(normalized)) {
                throw new InvalidSettingException(INBOUND_DOMAINS, "not a domain name: " + domain);
            }
            domains.add(normalized);
        }
        boolean passOn = bool(INBOUND_PASS_ON, false);
        Path directory = path(INBOUND_DIRECTORY).orElse(cacheDirectory.resolve(DEFAULT_INBOUND_SUBDIRECTORY));
        long maxMailBytes = size(INBOUND_MAX_MAIL_BYTES, DEFAULT_INBOUND_LIMITS.maxMailBytes(), 1024,
            Integer.MAX_VALUE);
        long maxDecompressedBytes = size(INBOUND_MAX_DECOMPRESSED_BYTES, DEFAULT_INBOUND_LIMITS.maxDecompressedBytes(),
            1024, Integer.MAX_VALUE);
        int maxCompressionRatio = integer(INBOUND_MAX_COMPRESSION_RATIO, DEFAULT_INBOUND_LIMITS.maxCompressionRatio(),
            1, 100_000);
        int maxPolicies = integer(INBOUND_MAX_POLICIES, DEFAULT_INBOUND_LIMITS.maxPolicies(), 1, 1_000_000);
        int maxFailureDetails = integer(INBOUND_MAX_FAILURE_DETAILS, DEFAULT_INBOUND_LIMITS.maxFailureDetails(), 1,
            10_000_000);
        // RFC 8460 §5 leaves what is kept to the receiver: 400 days (StoreLimits.defaults()) hold the rollout rule's
        // 14 days, the 30-day summaries and a year of history; 1000 reports a day bound what anyone can make us keep.
        Duration retention = duration(INBOUND_RETENTION, StoreLimits.DEFAULT_RETENTION, Duration.ofDays(1),
            Duration.ofDays(3650));
        int maxReportsPerDay = integer(INBOUND_MAX_REPORTS_PER_DAY, StoreLimits.DEFAULT_MAX_REPORTS_PER_DAY, 1,
            1_000_000);
        // RFC 8461 §5 leaves the switch to the owner: 14 days of reports, one in the last 2 days, at most 0.1 % failed
        // sessions over the last 7 days, and an enforced max_age of at least 14 days.
        int minReportDays = integer(ROLLOUT_MIN_REPORT_DAYS, DEFAULT_ROLLOUT.minReportDays(), 1, 365);
        Duration recentWindow = duration(ROLLOUT_RECENT_REPORT_WINDOW, DEFAULT_ROLLOUT.recentReportWindow(),
            Duration.ofHours(1), Duration.ofDays(60));
        double maxFailureRate = value(ROLLOUT_MAX_FAILURE_PERCENT).isPresent()
            ? percent(ROLLOUT_MAX_FAILURE_PERCENT, 0) / 100 : DEFAULT_ROLLOUT.maxFailureRate();
        Duration failureWindow = duration(ROLLOUT_FAILURE_RATE_WINDOW, DEFAULT_ROLLOUT.failureRateWindow(),
            Duration.ofDays(1), Duration.ofDays(365));
        Duration minMaxAge = duration(ROLLOUT_MIN_ENFORCE_MAX_AGE, DEFAULT_ROLLOUT.minEnforceMaxAge(),
            Duration.ofDays(1), Duration.ofDays(365));
        return new InboundReportSettings(localPart, requireDkim, domains, passOn, directory,
            new ReportLimits(maxMailBytes, maxDecompressedBytes, maxCompressionRatio, maxPolicies, maxFailureDetails),
            StoreLimits.of(retention, maxReportsPerDay),
            new RolloutRules(minReportDays, recentWindow, maxFailureRate, failureWindow, minMaxAge, localPart));
    }

    private double percent(String key, double defaultValue) throws InvalidSettingException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String raw = value.get().endsWith("%") ? value.get().substring(0, value.get().length() - 1).trim()
            : value.get();
        if (!PERCENT.matcher(raw).matches()) {
            throw new InvalidSettingException(key, "must be a percentage from 0 to 100, e.g. 0.1, was " + value.get());
        }
        return Double.parseDouble(raw);
    }

    private void rejectUnknownKeys() throws InvalidSettingException {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new InvalidSettingException(unknown.iterator().next(),
                "unknown key; the keys are " + new TreeSet<>(KEYS));
        }
    }

    private Optional<String> value(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    private Optional<Path> path(String key) throws InvalidSettingException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(workingDirectory.resolve(value.get()).normalize());
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(key, "not a path: " + value.get());
        }
    }

    private int integer(String key, int defaultValue, int min, int max) throws InvalidSettingException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "not a whole number: " + value.get());
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(key, "must be between " + min + " and " + max + ", was " + parsed);
        }
        return (int) parsed;
    }

    /** James' own duration syntax ({@link DurationParser}): a number, seconds unless a unit follows (ms, m, h, d...). */
    private Duration duration(String key, Duration defaultValue, Duration min, Duration max)
        throws InvalidSettingException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Duration parsed;
        try {
            parsed = DurationParser.parse(value.get(), ChronoUnit.SECONDS);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidSettingException(key, "not a duration (a number and a unit such as ms, s, m, h or d): "
                + value.get());
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new InvalidSettingException(key, "must be between " + describe(min) + " and " + describe(max)
                + ", was " + value.get());
        }
        return parsed;
    }

    /** James' own size syntax ({@link Size}): bytes, or a number and K, M or G. */
    private long size(String key, long defaultValue, long min, long max) throws InvalidSettingException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Size.parse(value.get()).asBytes();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidSettingException(key, "not a size (bytes, or a number and K, M or G): " + value.get());
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(key, "must be between " + min + " and " + max + " bytes, was "
                + value.get());
        }
        return parsed;
    }

    private static String describe(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private boolean bool(String key, boolean defaultValue) throws InvalidSettingException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new InvalidSettingException(key, "must be true or false, was " + value.get());
        }
    }

    private <T> T choice(String key, T defaultValue, java.util.function.Function<String, Optional<T>> parser,
                         String expected) throws InvalidSettingException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return parser.apply(value.get())
            .orElseThrow(() -> new InvalidSettingException(key, "must be " + expected + ", was " + value.get()));
    }

    private List<String> list(String key) {
        return value(key)
            .map(value -> java.util.Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toUnmodifiableList()))
            .orElse(List.of());
    }

    private List<InetSocketAddress> dnsServers() throws InvalidSettingException {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String server : list(DNS_SERVERS)) {
            servers.add(dnsServer(server));
        }
        return servers;
    }

    /** {@code HOST}, {@code HOST:PORT}, {@code [IPv6]} or {@code [IPv6]:PORT}, as {@link ResolverSettings}. */
    private static InetSocketAddress dnsServer(String server) throws InvalidSettingException {
        try {
            return ResolverSettings.parseServer(server);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(DNS_SERVERS, e.getMessage());
        }
    }

    private TrustSettings trust() throws InvalidSettingException {
        boolean jdkDefaults = bool(TRUST_JDK_DEFAULTS, true);
        List<Path> pemFiles = new ArrayList<>();
        for (String file : list(TRUST_PEM_FILES)) {
            Path path;
            try {
                path = workingDirectory.resolve(file).normalize();
            } catch (InvalidPathException e) {
                throw new InvalidSettingException(TRUST_PEM_FILES, "not a path: " + file);
            }
            requireReadableFile(TRUST_PEM_FILES, path);
            pemFiles.add(path);
        }
        Optional<Path> keystore = path(TRUST_KEYSTORE);
        if (keystore.isPresent()) {
            requireReadableFile(TRUST_KEYSTORE, keystore.get());
        }
        String keystoreType = value(TRUST_KEYSTORE_TYPE).orElse(DEFAULT_KEYSTORE_TYPE);
        try {
            KeyStore.getInstance(keystoreType);
        } catch (KeyStoreException e) {
            throw new InvalidSettingException(TRUST_KEYSTORE_TYPE, "unknown key store type: " + keystoreType);
        }
        Optional<String> password = Optional.ofNullable(values.get(TRUST_KEYSTORE_PASSWORD))
            .filter(value -> !value.isEmpty());
        if (password.isPresent() && keystore.isEmpty()) {
            throw new InvalidSettingException(TRUST_KEYSTORE_PASSWORD, "set, but " + TRUST_KEYSTORE + " is not");
        }
        if (!jdkDefaults && pemFiles.isEmpty() && keystore.isEmpty()) {
            throw new InvalidSettingException(TRUST_JDK_DEFAULTS, "false, but neither " + TRUST_PEM_FILES + " nor "
                + TRUST_KEYSTORE + " is set: no certificate could ever be trusted");
        }
        return new TrustSettings(jdkDefaults, pemFiles, keystore, keystoreType, password);
    }

    private static void requireReadableFile(String key, Path path) throws InvalidSettingException {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidSettingException(key, "no readable file at " + path);
        }
    }
}
