package dev.mtasts.james.delivery;

import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.tls.DaneStartTlsSocketFactory;
import dev.mtasts.james.tls.EnforcingStartTlsSocketFactory;
import dev.mtasts.james.tls.ObservedPlainSocketFactory;
import dev.mtasts.james.tls.ObservingStartTlsSocketFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LaneParametersTest {

    /** An operator configuration trying every way to weaken TLS. */
    private static final Map<String, String> WEAKENING = Map.ofEntries(
        entry("outgoing", "out"),
        entry("delayTime", "3*1 second"),
        entry("maxRetries", "3"),
        entry("startTLS", "false"),
        entry("sslEnable", "true"),
        entry("verifyServerIdentity", "false"),
        entry("mail.smtp.starttls.enable", "false"),
        entry("mail.smtp.starttls.required", "false"),
        entry("mail.smtp.ssl.checkserveridentity", "false"),
        entry("mail.smtp.ssl.trust", "*"),
        entry("mail.smtp.ssl.protocols", "TLSv1"),
        entry("mail.smtp.ssl.socketFactory.class", "javax.net.ssl.SSLSocketFactory"),
        entry("mail.smtp.socketFactory.class", "javax.net.SocketFactory"),
        entry("mail.smtp.class", "com.example.PlainTransport"),
        entry("mail.smtps.ssl.trust", "*"),
        entry("mail.smtp.timeout", "30000"));

    @Test
    void theStandardLaneKeepsTheOperatorsParameters() {
        assertThat(LaneParameters.forRoute(DeliveryRoute.STANDARD, WEAKENING)).isEqualTo(WEAKENING);
    }

    @Test
    void theEnforceLaneCannotBeWeakened() {
        Map<String, String> lane = LaneParameters.forRoute(DeliveryRoute.ENFORCE, WEAKENING);

        assertThat(lane).containsOnly(
            entry("outgoing", "out-mta-sts-enforce"),
            entry("delayTime", "3*1 second"),
            entry("maxRetries", "3"),
            entry("mail.smtp.timeout", "30000"),
            entry("startTLS", "true"),
            // by address; the MX host name is checked by the trust manager, against the name the address came from
            entry("verifyServerIdentity", "false"),
            entry("sslEnable", "false"),
            entry("mail.smtp.starttls.enable", "true"),
            entry("mail.smtp.starttls.required", "true"),
            entry("mail.smtp.ssl.checkserveridentity", "false"),
            entry("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2"),
            entry("mail.smtp.ssl.socketFactory.class", EnforcingStartTlsSocketFactory.class.getName()),
            entry("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName()),
            entry("mail.smtp.socketFactory.fallback", "false"));
    }

    @Test
    void theDaneLaneCannotBeWeakened() {
        Map<String, String> lane = LaneParameters.forRoute(DeliveryRoute.DANE, WEAKENING);

        assertThat(lane).containsOnly(
            entry("outgoing", "out-mta-sts-dane"),
            entry("delayTime", "3*1 second"),
            entry("maxRetries", "3"),
            entry("mail.smtp.timeout", "30000"),
            entry("startTLS", "false"),
            entry("verifyServerIdentity", "false"),
            entry("sslEnable", "false"),
            entry("mail.smtp.starttls.enable", "true"),
            // each MX host's own demand decides; the plain socket refuses clear text where TLS is required
            entry("mail.smtp.starttls.required", "false"),
            entry("mail.smtp.ssl.checkserveridentity", "false"),
            entry("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2"),
            entry("mail.smtp.ssl.socketFactory.class", DaneStartTlsSocketFactory.class.getName()),
            entry("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName()),
            entry("mail.smtp.socketFactory.fallback", "false"));
    }

    @Test
    void theTestingLaneObservesWithoutRefusing() {
        Map<String, String> lane = LaneParameters.forRoute(DeliveryRoute.TESTING, WEAKENING);

        assertThat(lane).contains(
            entry("outgoing", "out-mta-sts-testing"),
            entry("startTLS", "true"),
            entry("mail.smtp.starttls.enable", "true"),
            entry("mail.smtp.starttls.required", "false"),
            entry("mail.smtp.ssl.checkserveridentity", "false"),
            entry("mail.smtp.ssl.socketFactory.class", ObservingStartTlsSocketFactory.class.getName()))
            .doesNotContainKeys("mail.smtp.ssl.trust", "mail.smtp.class", "mail.smtps.ssl.trust");
    }

    @Test
    void theLanesQueuesAreNamedAfterTheOperatorsQueue() {
        assertThat(LaneParameters.forRoute(DeliveryRoute.ENFORCE, Map.of())).containsEntry("outgoing",
            "outgoing-mta-sts-enforce");
        assertThat(LaneParameters.queueName("relay", DeliveryRoute.TESTING)).isEqualTo("relay-mta-sts-testing");
        assertThat(LaneParameters.queueName("relay", DeliveryRoute.STANDARD)).isEqualTo("relay");
    }

    /** James 3.9's trust-everything switch, and a parameter no James has yet. */
    private static final Map<String, String> FROM_A_LATER_JAMES = Map.of(
        "sslTrustAllCerts", "true",
        "tlsFromTheFuture", "off",
        "mail.smtp.ssl.trust", "*",
        "maxRetries", "3");

    @ParameterizedTest
    @EnumSource(value = DeliveryRoute.class, names = {"ENFORCE", "TESTING"})
    void parametersOffTheAllowlistNeverReachThePolicyLanes(DeliveryRoute route) {
        Map<String, String> lane = LaneParameters.forRoute(route, FROM_A_LATER_JAMES);

        assertThat(lane).doesNotContainKeys("sslTrustAllCerts", "tlsFromTheFuture", "mail.smtp.ssl.trust")
            .containsEntry("maxRetries", "3")
            .isEqualTo(LaneParameters.forRoute(route, Map.of("maxRetries", "3")));
    }

    @Test
    void parametersOffTheAllowlistStillReachTheStandardLaneAndAreNamed() {
        // The operator's TLS parameters make the standard lane James' own; only its clear-text sessions are watched.
        assertThat(LaneParameters.forRoute(DeliveryRoute.STANDARD, FROM_A_LATER_JAMES))
            .containsAllEntriesOf(FROM_A_LATER_JAMES)
            .containsEntry("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName())
            .hasSize(FROM_A_LATER_JAMES.size() + 2);
        assertThat(LaneParameters.standardLaneOnly(FROM_A_LATER_JAMES))
            .containsExactly("mail.smtp.ssl.trust", "sslTrustAllCerts", "tlsFromTheFuture");
        assertThat(LaneParameters.standardLaneOnly(Map.of("startTLS", "false", "outgoing", "out", "delayTime", "1")))
            .isEmpty();
    }

    /** Whatever a later James calls a parameter, the enforce lane's TLS settings stay its own. */
    @Property(tries = 2000)
    void noParameterCanChangeTheEnforceLanesTls(@ForAll @StringLength(min = 1, max = 40) String name,
                                                @ForAll @StringLength(max = 20) String value) {
        Map<String, String> operator = new HashMap<>(WEAKENING);
        operator.put(name, value);
        Map<String, String> enforce = LaneParameters.forRoute(DeliveryRoute.ENFORCE, operator);
        Map<String, String> reference = LaneParameters.forRoute(DeliveryRoute.ENFORCE, Map.of());

        for (String decidesTls : reference.keySet()) {
            if (!decidesTls.equals("outgoing")) {
                assertThat(enforce).containsEntry(decidesTls, reference.get(decidesTls));
            }
        }
        assertThat(enforce.keySet())
            .allMatch(key -> reference.containsKey(key) || LaneParameters.passedToPolicyLanes(key));
    }

    @Test
    void theAllowlistHoldsNothingAboutTlsTrustOrTheTransport() {
        for (String name : LaneParameters.standardLaneOnly(WEAKENING)) {
            assertThat(LaneParameters.passedToPolicyLanes(name)).as(name).isFalse();
        }
        assertThat(LaneParameters.passedToPolicyLanes("sslTrustAllCerts")).isFalse();
        assertThat(LaneParameters.passedToPolicyLanes("mail.smtp.ssl.socketFactory")).isFalse();
        assertThat(LaneParameters.passedToPolicyLanes("mail.smtp.proxy.host")).isFalse();
        assertThat(LaneParameters.passedToPolicyLanes("mail.smtp.socks.host")).isFalse();
        assertThat(LaneParameters.passedToPolicyLanes("gateway")).isFalse();
        assertThat(LaneParameters.passedToPolicyLanes("mail.smtp.ehlo")).isFalse();
        assertThat(LaneParameters.passedToPolicyLanes("delayTime")).isTrue();
    }
}
