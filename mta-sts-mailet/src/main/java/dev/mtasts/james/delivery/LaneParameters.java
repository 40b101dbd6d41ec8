package dev.mtasts.james.delivery;

import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.tls.EnforcingStartTlsSocketFactory;
import dev.mtasts.james.tls.ObservedPlainSocketFactory;
import dev.mtasts.james.tls.ObservingStartTlsSocketFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives each lane's RemoteDelivery init parameters from the operator's. The standard lane gets them unchanged.
 * The testing and enforce lanes keep everything but what decides TLS, which they set themselves, so that no init
 * parameter can weaken an enforce domain's delivery (RFC 8461 §4): STARTTLS required, TLS 1.2 or newer, the chain
 * checked against the extension's trust anchors and the certificate against the MX host name.
 */
final class LaneParameters {

    static final String OUTGOING = "outgoing";
    static final String DEFAULT_OUTGOING = "outgoing";

    /** Parameters that pick the transport, the TLS mode or the certificate checks. */
    private static final List<String> TLS_PARAMETERS = List.of("startTLS", "sslEnable", "verifyServerIdentity",
        "gateway", "gatewayPort", "gatewayUsername", "gatewayusername", "gatewayPassword");
    private static final List<String> TLS_JAVAMAIL_PREFIXES = List.of("mail.smtp.ssl.", "mail.smtp.starttls.",
        "mail.smtp.socketFactory", "mail.smtp.class", "mail.smtps.", "mail.transport.");

    private LaneParameters() {
    }

    static String queueName(String outgoing, DeliveryRoute route) {
        return route == DeliveryRoute.STANDARD ? outgoing : outgoing + "-mta-sts-" + route.label();
    }

    static Map<String, String> forRoute(DeliveryRoute route, Map<String, String> operator) {
        if (route == DeliveryRoute.STANDARD) {
            return new LinkedHashMap<>(operator);
        }
        Map<String, String> lane = new LinkedHashMap<>();
        operator.forEach((name, value) -> {
            if (!decidesTls(name)) {
                lane.put(name, value);
            }
        });
        String outgoing = operator.getOrDefault(OUTGOING, DEFAULT_OUTGOING);
        lane.put(OUTGOING, queueName(outgoing, route));
        // startTLS with verifyServerIdentity makes James connect by MX host name, which the certificate check needs.
        lane.put("startTLS", "true");
        lane.put("verifyServerIdentity", "true");
        lane.put("sslEnable", "false");
        lane.put("mail.smtp.starttls.enable", "true");
        lane.put("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName());
        lane.put("mail.smtp.socketFactory.fallback", "false");
        lane.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        if (route == DeliveryRoute.ENFORCE) {
            // RFC 8461 §4.2, §5: never in clear text, never with a certificate that fails the checks.
            lane.put("mail.smtp.starttls.required", "true");
            lane.put("mail.smtp.ssl.checkserveridentity", "true");
            lane.put("mail.smtp.ssl.socketFactory.class", EnforcingStartTlsSocketFactory.class.getName());
        } else {
            // RFC 8461 §5: a testing policy reports, it never stops delivery.
            lane.put("mail.smtp.starttls.required", "false");
            lane.put("mail.smtp.ssl.checkserveridentity", "false");
            lane.put("mail.smtp.ssl.socketFactory.class", ObservingStartTlsSocketFactory.class.getName());
        }
        return lane;
    }

    private static boolean decidesTls(String name) {
        return TLS_PARAMETERS.contains(name) || TLS_JAVAMAIL_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
