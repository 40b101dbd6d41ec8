package dev.mtasts.james.delivery;

import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.tls.EnforcingStartTlsSocketFactory;
import dev.mtasts.james.tls.ObservedPlainSocketFactory;
import dev.mtasts.james.tls.ObservingStartTlsSocketFactory;
import org.junit.jupiter.api.Test;

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
            entry("verifyServerIdentity", "true"),
            entry("sslEnable", "false"),
            entry("mail.smtp.starttls.enable", "true"),
            entry("mail.smtp.starttls.required", "true"),
            entry("mail.smtp.ssl.checkserveridentity", "true"),
            entry("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2"),
            entry("mail.smtp.ssl.socketFactory.class", EnforcingStartTlsSocketFactory.class.getName()),
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
}
