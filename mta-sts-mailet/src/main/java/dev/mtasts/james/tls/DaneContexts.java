package dev.mtasts.james.tls;

import dev.mtasts.dane.DaneRequirement;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One TLS context per DANE MX host and TLSA record set (and whether an MTA-STS enforce policy applies too), so that
 * a later session with the host may resume an earlier one; a resumed session is checked against the records all the
 * same ({@link ResumptionCheckingSocket} with the context's {@link DaneSessionCheck}). New records make a new
 * context, whose sessions start afresh. At most {@value #MAX_CONTEXTS}, least recently used dropped first.
 */
final class DaneContexts {

    static final int MAX_CONTEXTS = 1_000;

    private final Map<String, DaneContext> contexts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DaneContext> eldest) {
            return size() > MAX_CONTEXTS;
        }
    };

    /** The context for sessions held to {@code requirement}, with the enforce policy's check when given. */
    synchronized DaneContext forRequirement(DaneRequirement requirement, Optional<MxCertificateVerifier> enforcedPolicy,
                                            Clock clock) throws SSLException {
        String key = requirement.host() + '\n' + requirement.referenceNames() + '\n' + requirement.policyStrings()
            + '\n' + enforcedPolicy.isPresent();
        DaneContext context = contexts.get(key);
        if (context == null) {
            context = DaneContext.of(new DaneSessionCheck(requirement, enforcedPolicy, clock));
            contexts.put(key, context);
        }
        return context;
    }

    /** A TLS client set-up for one DANE host and its records. */
    static final class DaneContext {
        private final SSLSocketFactory factory;
        private final DaneSessionCheck check;

        private DaneContext(SSLSocketFactory factory, DaneSessionCheck check) {
            this.factory = factory;
            this.check = check;
        }

        static DaneContext of(DaneSessionCheck check) throws SSLException {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[]{new DaneSessionTrustManager(check)}, null);
                return new DaneContext(context.getSocketFactory(), check);
            } catch (GeneralSecurityException e) {
                throw new SSLException("DANE: TLS is not available: " + e.getMessage(), e);
            }
        }

        SSLSocketFactory factory() {
            return factory;
        }

        DaneSessionCheck check() {
            return check;
        }
    }
}
