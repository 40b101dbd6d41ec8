package dev.mtasts.james.outcome;

import dev.mtasts.policy.Mode;
import dev.mtasts.outcome.TlsOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeRecorderTest {

    @Test
    void aFailingListenerDoesNotKeepOthersFromHearing() {
        List<TlsOutcome> heard = new ArrayList<>();
        OutcomeListener failing = outcome -> {
            throw new IllegalStateException("broken listener");
        };
        OutcomeRecorder recorder = new OutcomeRecorder(Set.of(failing, heard::add));
        TlsOutcome outcome = new TlsOutcome(Instant.parse("2024-05-01T10:00:00Z"), "example.test", Mode.ENFORCE,
            "p1", "mx1.example.test", Optional.empty(), "TLSv1.3 TLS_AES_128_GCM_SHA256");

        recorder.record(outcome);

        assertThat(heard).containsExactly(outcome);
    }
}
