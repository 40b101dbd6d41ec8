package dev.mtasts.james.delivery;

import dev.mtasts.fetch.TrustAnchors;
import dev.mtasts.james.outcome.OutcomeListener;
import dev.mtasts.james.outcome.OutcomeRecorder;
import dev.mtasts.outcome.TlsOutcome;
import dev.mtasts.james.tls.MxCertificateVerifier;
import dev.mtasts.james.tls.MxTls;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.james.domainlist.api.DomainList;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stand-ins for what James gives the delivery mailet. */
final class Collaborators {

    private Collaborators() {
    }

    /** A domain list that only knows its default domain, which is all RemoteDelivery asks (for the HELO name). */
    static DomainList domainList() {
        return (DomainList) Proxy.newProxyInstance(Collaborators.class.getClassLoader(),
            new Class<?>[]{DomainList.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("getDefaultDomain")) {
                    return Domain.of("james.test");
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    static MxTls mxTls() {
        return new MxTls(new MxCertificateVerifier(TrustAnchors.jdkDefaults().trustManager(), Clock.systemUTC()));
    }

    static final class RecordedOutcomes implements OutcomeListener {

        private final List<TlsOutcome> outcomes = new CopyOnWriteArrayList<>();

        @Override
        public void onOutcome(TlsOutcome outcome) {
            outcomes.add(outcome);
        }

        List<TlsOutcome> all() {
            return List.copyOf(outcomes);
        }

        OutcomeRecorder recorder() {
            return new OutcomeRecorder(Set.of(this));
        }
    }

    /** MX records by domain; any host name resolves to 127.0.0.1. */
    static final class FakeDnsService implements DNSService {

        private final Map<String, List<String>> mx = new ConcurrentHashMap<>();

        FakeDnsService mx(String domain, String... hosts) {
            mx.put(domain, List.of(hosts));
            return this;
        }

        @Override
        public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
            return mx.getOrDefault(hostname, List.of(hostname));
        }

        @Override
        public Collection<String> findTXTRecords(String hostname) {
            return List.of();
        }

        @Override
        public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
            return List.of(getByName(host));
        }

        @Override
        public InetAddress getByName(String host) throws UnknownHostException {
            return InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1});
        }

        @Override
        public InetAddress getLocalHost() throws UnknownHostException {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public String getHostName(InetAddress address) {
            return address.getHostName();
        }
    }
}
