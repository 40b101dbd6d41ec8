package dev.mtasts.james.outcome;

import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.TlsOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/** Writes each outcome as one structured log line and hands it to every {@link OutcomeListener}. */
public final class OutcomeRecorder {

    /** The logger of the outcome lines, so that operators can route them to their own file. */
    public static final String LOGGER_NAME = "dev.mtasts.outcome";

    private static final Logger OUTCOMES = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Logger LOGGER = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final List<OutcomeListener> listeners;

    public OutcomeRecorder(Set<OutcomeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public void record(TlsOutcome outcome) {
        if (outcome.isSuccess()) {
            OUTCOMES.info("MTA-STS {}", outcome.toLogLine());
        } else {
            OUTCOMES.warn("MTA-STS {}", outcome.toLogLine());
        }
        for (OutcomeListener listener : listeners) {
            try {
                listener.onOutcome(outcome);
            } catch (RuntimeException e) {
                LOGGER.error("MTA-STS outcome listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    /** Hands an attempt that the policy stopped to every listener. */
    public void recordEnforcementFailure(String domain) {
        for (OutcomeListener listener : listeners) {
            try {
                listener.onEnforcementFailure(domain);
            } catch (RuntimeException e) {
                LOGGER.error("MTA-STS outcome listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    /** Hands one outbound session, of any lane, to every listener. */
    public void recordSession(OutboundSession session) {
        for (OutcomeListener listener : listeners) {
            try {
                listener.onSession(session);
            } catch (RuntimeException e) {
                LOGGER.error("MTA-STS outcome listener {} failed", listener.getClass().getName(), e);
            }
        }
    }
}
