package dev.mtasts.james.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the standard lane (mail without a policy) uses TLS, from the operator's RemoteDelivery init parameters.
 * <ul>
 *     <li><b>opportunistic</b> (the default): STARTTLS whenever the MX offers it, any certificate accepted and its
 *     verdict recorded, clear text when STARTTLS is not offered or its handshake fails — in the same attempt
 *     (RFC 7435, RFC 3207; Postfix' {@code smtp_tls_security_level=may}); see
 *     {@link OpportunisticStartTlsSocketFactory};</li>
 *     <li><b>operator</b>: the operator set TLS parameters of their own ({@code startTLS=true}, {@code sslEnable=true},
 *     {@code sslTrustAllCerts}, {@code mail.smtp.ssl.*}, {@code mail.smtp.starttls.*}, {@code mail.smtp.socketFactory*},
 *     {@code mail.smtps.*}): they apply, as in James' RemoteDelivery;</li>
 *     <li><b>off</b>: {@code opportunisticTls=false}: James' RemoteDelivery exactly.</li>
 * </ul>
 * In every mode the lane's sessions are watched (unless the operator names socket factories of their own), so that
 * each one is counted: in clear text, over opportunistic TLS, or over James' own STARTTLS
 * ({@link JamesOwnStartTlsSocketFactory}); nothing about how James connects or trusts changes.
 */
public final class StandardLaneTls {

    /** The init parameter: {@code true} (default) or {@code false}. */
    public static final String PARAMETER = "opportunisticTls";

    public enum Mode { OPPORTUNISTIC, OPERATOR, OFF }

    private static final List<String> OPERATOR_TLS_PREFIXES = List.of("mail.smtp.ssl.", "mail.smtp.starttls.",
        "mail.smtp.socketFactory", "mail.smtps.");
    private static final List<String> OPERATOR_TLS_SWITCHES = List.of("startTLS", "sslEnable", "sslTrustAllCerts");

    private final Mode mode;
    private final List<String> operatorTlsParameters;

    private StandardLaneTls(Mode mode, List<String> operatorTlsParameters) {
        this.mode = mode;
        this.operatorTlsParameters = operatorTlsParameters;
    }

    /**
     * @throws IllegalArgumentException when {@code opportunisticTls} is neither {@code true} nor {@code false}, or is
     *                                  {@code true} next to TLS parameters of the operator's own, which contradict it
     */
    public static StandardLaneTls of(Map<String, String> operator) {
        String value = operator.get(PARAMETER);
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!wanted.isEmpty() && !wanted.equals("true") && !wanted.equals("false")) {
            throw new IllegalArgumentException("init parameter " + PARAMETER + " must be true or false, was " + value);
        }
        List<String> own = operator.entrySet().stream()
            .filter(entry -> isOperatorTls(entry.getKey(), entry.getValue()))
            .map(Map.Entry::getKey)
            .sorted()
            .collect(Collectors.toUnmodifiableList());
        if (wanted.equals("false")) {
            return new StandardLaneTls(Mode.OFF, own);
        }
        if (own.isEmpty()) {
            return new StandardLaneTls(Mode.OPPORTUNISTIC, own);
        }
        if (wanted.equals("true")) {
            throw new IllegalArgumentException(PARAMETER + "=true contradicts the TLS parameters " + own
                + ": remove them, or set " + PARAMETER + "=false to use them");
        }
        return new StandardLaneTls(Mode.OPERATOR, own);
    }

    private static boolean isOperatorTls(String name, String value) {
        if (OPERATOR_TLS_SWITCHES.contains(name)) {
            // startTLS=false and sslEnable=false are James' defaults, not a TLS set-up of the operator's own.
            return value != null && value.trim().equalsIgnoreCase("true");
        }
        return OPERATOR_TLS_PREFIXES.stream().anyMatch(name::startsWith);
    }

    public Mode mode() {
        return mode;
    }

    /** The operator's own TLS parameters, which win over opportunistic TLS unless it is off anyway. */
    public List<String> operatorTlsParameters() {
        return operatorTlsParameters;
    }

    /** The standard lane's RemoteDelivery init parameters: the operator's, with this mode's additions. */
    public Map<String, String> laneParameters(Map<String, String> operator) {
        Map<String, String> lane = new LinkedHashMap<>(operator);
        lane.remove(PARAMETER);
        boolean ownSocketFactory = operator.keySet().stream()
            .anyMatch(name -> name.startsWith("mail.smtp.socketFactory"));
        if (!ownSocketFactory) {
            lane.put("mail.smtp.socketFactory.class", ObservedPlainSocketFactory.class.getName());
            lane.put("mail.smtp.socketFactory.fallback", "false");
        }
        if (mode != Mode.OPPORTUNISTIC && !ownTlsSocketFactory(operator)) {
            // Used only if the operator's startTLS=true makes JavaMail use STARTTLS: JavaMail's own TLS, watched.
            lane.put("mail.smtp.ssl.socketFactory.class", JamesOwnStartTlsSocketFactory.class.getName());
        }
        if (mode == Mode.OPPORTUNISTIC) {
            // James' own startTLS would connect by MX host name and fail on a bad certificate: not that; JavaMail's
            // STARTTLS with our factory, on the address James chose.
            lane.put("mail.smtp.starttls.enable", "true");
            lane.put("mail.smtp.starttls.required", "false");
            lane.put("mail.smtp.ssl.checkserveridentity", "false");
            lane.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            lane.put("mail.smtp.ssl.socketFactory.class", OpportunisticStartTlsSocketFactory.class.getName());
        }
        return lane;
    }

    // JavaMail takes its own factory for STARTTLS unless one of these names another: leave those alone.
    private static boolean ownTlsSocketFactory(Map<String, String> operator) {
        return operator.keySet().stream().anyMatch(name -> name.startsWith("mail.smtp.ssl.")
            || name.startsWith("mail.smtp.socketFactory")) || "true".equalsIgnoreCase(
            operator.getOrDefault("sslTrustAllCerts", "").trim());
    }

    @Override
    public String toString() {
        return mode.name().toLowerCase(Locale.ROOT)
            + (operatorTlsParameters.isEmpty() ? "" : " (operator's TLS parameters " + operatorTlsParameters + ")");
    }
}
