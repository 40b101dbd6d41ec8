package dev.mtasts.james.routing;

/** How a message to a recipient domain is delivered, by the state of the domain's MTA-STS policy. */
public enum DeliveryRoute {
    /** No policy, or mode none: as James' RemoteDelivery would, with opportunistic TLS unless turned off. */
    STANDARD("standard"),
    /** Mode testing: opportunistic STARTTLS, the certificate checked and the outcome reported, never refused. */
    TESTING("testing"),
    /** Mode enforce: only MX hosts the policy lists, only over STARTTLS with a valid certificate (RFC 8461 §4). */
    ENFORCE("enforce"),
    /**
     * At least one MX host is held to DANE (RFC 7672 §2.2): per MX host, STARTTLS required and the certificate
     * authenticated by its TLSA records, never clear text and never MTA-STS instead; where the domain also has an
     * MTA-STS policy, it applies too (RFC 8461 §2).
     */
    DANE("dane");

    private final String label;

    DeliveryRoute(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
