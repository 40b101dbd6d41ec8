package dev.mtasts.integration;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.james.outcome.OutcomeListener;
import dev.mtasts.outcome.OutboundSession;
import dev.mtasts.outcome.TlsOutcome;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An extension module next to the production one: a listener keeping every {@link OutboundSession} the real wiring
 * reports, so that a test can count them. Tests run one after the other in one JVM; {@link #reset()} starts afresh.
 */
public class SessionRecordingModule extends AbstractModule {

    private static final List<OutboundSession> SESSIONS = new CopyOnWriteArrayList<>();

    private static final OutcomeListener LISTENER = new OutcomeListener() {
        @Override
        public void onOutcome(TlsOutcome outcome) {
        }

        @Override
        public void onSession(OutboundSession session) {
            SESSIONS.add(session);
        }
    };

    public static void reset() {
        SESSIONS.clear();
    }

    public static List<OutboundSession> sessions() {
        return List.copyOf(SESSIONS);
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), OutcomeListener.class).addBinding().toInstance(LISTENER);
    }
}
