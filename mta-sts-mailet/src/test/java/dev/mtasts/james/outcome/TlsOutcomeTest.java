package dev.mtasts.james.outcome;

import dev.mtasts.policy.Mode;
import dev.mtasts.report.ResultType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TlsOutcomeTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void aSuccessIsOneKeyValueLine() {
        TlsOutcome outcome = new TlsOutcome(AT, "example.test", Mode.ENFORCE, "20240501", "mx1.example.test",
            Optional.empty(), "TLSv1.3 TLS_AES_128_GCM_SHA256");

        assertThat(outcome.toLogLine()).isEqualTo("domain=example.test mode=enforce policy_id=20240501"
            + " mx=mx1.example.test result=success detail=\"TLSv1.3 TLS_AES_128_GCM_SHA256\"");
    }

    @Test
    void aFailureNamesItsResultTypeAndKeepsTheLineOnOneLine() {
        TlsOutcome outcome = new TlsOutcome(AT, "example.test", Mode.TESTING, "p1", "mx1.example.test",
            Optional.of(ResultType.CERTIFICATE_HOST_MISMATCH), "names [\"a.test\"]\nnot mx1");

        assertThat(outcome.result()).isEqualTo("certificate-host-mismatch");
        assertThat(outcome.toLogLine()).endsWith("result=certificate-host-mismatch"
            + " detail=\"names [\\\"a.test\\\"] not mx1\"");
    }

    @Test
    void aFailingListenerDoesNotKeepOthersFromHearing() {
        List<TlsOutcome> heard = new ArrayList<>();
        OutcomeListener failing = outcome -> {
            throw new IllegalStateException("broken listener");
        };
        OutcomeRecorder recorder = new OutcomeRecorder(Set.of(failing, heard::add));
        TlsOutcome outcome = new TlsOutcome(AT, "example.test", Mode.ENFORCE, "p1", "mx1.example.test",
            Optional.empty(), "");

        recorder.record(outcome);

        assertThat(heard).containsExactly(outcome);
    }
}
