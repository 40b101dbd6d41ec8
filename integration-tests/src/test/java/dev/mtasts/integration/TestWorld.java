package dev.mtasts.integration;

import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.james.outcome.OutcomeListener;
import dev.mtasts.outcome.TlsOutcome;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@link TestMtaStsModule} gives the James under test: the policies domains publish, and a listener keeping
 * every outcome. James builds the module itself (from extensions.properties), so the test hands these over here,
 * before starting James. Tests run one after the other in one JVM.
 */
public final class TestWorld {

    private static volatile PolicyWorld policies = new PolicyWorld();
    private static final List<TlsOutcome> OUTCOMES = new CopyOnWriteArrayList<>();
    private static final OutcomeListener RECORDER = OUTCOMES::add;

    private TestWorld() {
    }

    /** Starts a new world: these policies, no outcomes yet. */
    public static void reset(PolicyWorld world) {
        policies = world;
        OUTCOMES.clear();
    }

    public static PolicyWorld policies() {
        return policies;
    }

    static OutcomeListener recorder() {
        return RECORDER;
    }

    public static List<TlsOutcome> outcomes() {
        return List.copyOf(OUTCOMES);
    }

    public static List<TlsOutcome> outcomesFor(String domain) {
        return OUTCOMES.stream().filter(outcome -> outcome.domain().equals(domain)).toList();
    }
}
