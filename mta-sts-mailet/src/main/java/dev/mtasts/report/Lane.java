package dev.mtasts.report;

import java.util.Locale;

/**
 * The delivery lanes an outbound session can go through, as {@code OutboundSession.lane()} names them: James'
 * standard lane for domains without a policy, the MTA-STS {@code testing} and {@code enforce} lanes, and DANE.
 */
public enum Lane {
    STANDARD("standard", DeliveryCounts.Counter.STANDARD_LANE_SESSIONS, DeliveryCounts.Counter.STANDARD_LANE_ENCRYPTED),
    TESTING("testing", DeliveryCounts.Counter.TESTING_LANE_SESSIONS, DeliveryCounts.Counter.TESTING_LANE_ENCRYPTED),
    ENFORCE("enforce", DeliveryCounts.Counter.ENFORCE_LANE_SESSIONS, DeliveryCounts.Counter.ENFORCE_LANE_ENCRYPTED),
    DANE("dane", DeliveryCounts.Counter.DANE_LANE_SESSIONS, DeliveryCounts.Counter.DANE_LANE_ENCRYPTED);

    private final String wireName;
    private final DeliveryCounts.Counter sessions;
    private final DeliveryCounts.Counter encrypted;

    Lane(String wireName, DeliveryCounts.Counter sessions, DeliveryCounts.Counter encrypted) {
        this.wireName = wireName;
        this.sessions = sessions;
        this.encrypted = encrypted;
    }

    /** The lane's name in sessions, metrics and JSON. */
    public String wireName() {
        return wireName;
    }

    DeliveryCounts.Counter sessions() {
        return sessions;
    }

    DeliveryCounts.Counter encrypted() {
        return encrypted;
    }

    /** The lane {@code name} names (any case); a name this version does not know counts as the standard lane. */
    public static Lane of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Lane lane : values()) {
            if (lane.wireName.equals(lower)) {
                return lane;
            }
        }
        return STANDARD;
    }

    /** Whether a policy (MTA-STS or DANE) chose this lane: its domains are few enough to keep apart. */
    public boolean hasPolicy() {
        return this != STANDARD;
    }
}
