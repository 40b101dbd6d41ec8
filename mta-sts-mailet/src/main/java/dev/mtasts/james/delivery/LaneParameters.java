package dev.mtasts.james.delivery;

import dev.mtasts.james.routing.DeliveryRoute;
import dev.mtasts.james.tls.DaneStartTlsSocketFactory;
import dev.mtasts.james.tls.EnforcingStartTlsSocketFactory;
import dev.mtasts.james.tls.ObservedPlainSocketFactory;
import dev.mtasts.james.tls.ObservingStartTlsSocketFactory;
import dev.mtasts.james.tls.StandardLaneTls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Derives each lane's RemoteDelivery init parameters from the operator's. The standard lane gets them with its TLS
 * mode's additions ({@link StandardLaneTls}: opportunistic TLS unless turned off or replaced by the operator's own).
 * The testing, enforce and DANE lanes get only the parameters on an <b>allowlist</b> — those known to touch neither
 * the transport nor TLS — and set everything that decides TLS themselves, so that no init parameter, including one a
 * later James adds (3.9's {@code sslTrustAllCerts} installs a trust-everything socket factory), can weaken an
 * enforce domain's delivery (RFC 8461 §4): STARTTLS required, TLS 1.2 or newer, the chain checked against the
 * extension's trust anchors and the certificate against the MX host name.
 */
final class LaneParameters {

    static final String OUTGOING = "outgoing";
    static final String DEFAULT_OUTGOING = "outgoing";

    /** RemoteDelivery parameters (James 3.8/3.9) that schedule, name or describe delivery without touching TLS. */
    private static final Set<String> PASSED_TO_EVERY_LANE = Set.of(
        "delayTime", "maxRetries", "maxDnsProblemRetries", "timeout", "connectiontimeout", "sendpartial",
        "bounceProcessor", "onSuccess", "heloName", "bind", "usePriority", "loadBalancing", "debug",
        // JavaMail session properties of the same kind (timeouts, EHLO name, local address, DSN, 8BITMIME); not
        // mail.smtp.ehlo, whose false would mean HELO and so no STARTTLS (RFC 3207 §4)
        "mail.debug", "mail.smtp.timeout", "mail.smtp.connectiontimeout", "mail.smtp.writetimeout",
        "mail.smtp.localhost", "mail.smtp.localaddress", "mail.smtp.localport",
        "mail.smtp.allow8bitmime", "mail.smtp.dsn.notify", "mail.smtp.dsn.ret", "mail.smtp.sendpartial",
        "mail.smtp.quitwait", "mail.smtp.noop.strict", "mail.smtp.mailextension");

    /** Set by the testing, enforce and DANE lanes themselves; the operator's value is the standard lane's only. */
    private static final Set<String> SET_BY_POLICY_LANES = Set.of(OUTGOING, "startTLS", "sslEnable",
        "verifyServerIdentity", StandardLaneTls.PARAMETER);

    private LaneParameters() {
    }

    static String queueName(String outgoing, DeliveryRoute route) {
        return route == DeliveryRoute.STANDARD ? outgoing : outgoing + "-mta-sts-" + route.label();
    }

    static Map<String, String> forRoute(DeliveryRoute route, Map<String, String> operator) {
        if (route == DeliveryRoute.STANDARD) {
            return StandardLaneTls.of(operator).laneParameters(operator);
        }
        Map<String, String> lane = new LinkedHashMap<>();
        operator.forEach((name, value) -> {
            if (passedToPolicyLanes(name)) {
                lane.put(name, value);
            }
        });
        String outgoing = operator.getOrDefault(OUTGOING, DEFAULT_OUTGOING);
        lane.put(OUTGOING, queueName(outgoing, route));
        if (route == DeliveryRoute.DANE) {
            return daneLane(lane);
        }
        // James connects by the address its DNS service gave (not by name, which the JVM's resolver would look up);
        // the certificate is checked against the MX host name that address was resolved from (MxAddressNamingDns).
        lane.put("startTLS", "true");
        lane.put("verifyServerIdentity", "false");
        lane.put("sslEnable", "false");
        lane.put("mail.smtp.starttls.enable", "true");
        lane.put("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName());
        lane.put("mail.smtp.socketFactory.fallback", "false");
        lane.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        if (route == DeliveryRoute.ENFORCE) {
            // RFC 8461 §4.2, §5: never in clear text, never with a certificate that fails the checks.
            lane.put("mail.smtp.starttls.required", "true");
            // The MX host name is checked by the trust manager (RFC 8461 §4.2); JavaMail would check the address.
            lane.put("mail.smtp.ssl.checkserveridentity", "false");
            lane.put("mail.smtp.ssl.socketFactory.class", EnforcingStartTlsSocketFactory.class.getName());
        } else {
            // RFC 8461 §5: a testing policy reports, it never stops delivery.
            lane.put("mail.smtp.starttls.required", "false");
            lane.put("mail.smtp.ssl.checkserveridentity", "false");
            lane.put("mail.smtp.ssl.socketFactory.class", ObservingStartTlsSocketFactory.class.getName());
        }
        return lane;
    }

    /**
     * The DANE lane connects to the addresses the validating resolver gave (RFC 7672 §2.2.2), so by address, as the
     * standard lane does; every session is held to its MX host's own demand by {@link DaneStartTlsSocketFactory},
     * and the plain socket refuses to go on without STARTTLS where the demand requires it. JavaMail's own
     * {@code starttls.required} stays off only so that an MX host of a DANE domain that is not itself held to DANE
     * or MTA-STS enforce may still be reached in clear text (RFC 7672 §2.2: opportunistic TLS for it).
     */
    private static Map<String, String> daneLane(Map<String, String> lane) {
        lane.put("startTLS", "false");
        lane.put("verifyServerIdentity", "false");
        lane.put("sslEnable", "false");
        lane.put("mail.smtp.starttls.enable", "true");
        lane.put("mail.smtp.starttls.required", "false");
        lane.put("mail.smtp.ssl.checkserveridentity", "false");
        lane.put("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName());
        lane.put("mail.smtp.socketFactory.fallback", "false");
        lane.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        lane.put("mail.smtp.ssl.socketFactory.class", DaneStartTlsSocketFactory.class.getName());
        return lane;
    }

    static boolean passedToPolicyLanes(String name) {
        return PASSED_TO_EVERY_LANE.contains(name);
    }

    /**
     * The operator's parameters that reach the standard lane alone: TLS and transport settings, and any parameter
     * this version does not know. Logged at start-up, so that nothing is dropped from the policy lanes silently.
     */
    static List<String> standardLaneOnly(Map<String, String> operator) {
        return operator.keySet().stream()
            .filter(name -> !passedToPolicyLanes(name) && !SET_BY_POLICY_LANES.contains(name))
            .sorted()
            .collect(Collectors.toUnmodifiableList());
    }
}
