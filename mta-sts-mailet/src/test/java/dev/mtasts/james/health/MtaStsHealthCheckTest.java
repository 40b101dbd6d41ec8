package dev.mtasts.james.health;

import dev.mtasts.james.fixtures.PolicyWorld;
import dev.mtasts.policy.Mode;
import dev.mtasts.service.PolicyRefresher;
import dev.mtasts.service.PolicyService;
import org.apache.james.core.healthcheck.Result;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8461 §10.2: alert when refreshes of an enforce or testing policy keep failing. */
class MtaStsHealthCheckTest {

    private final PolicyWorld world = new PolicyWorld()
        .publish("enforce.example", "e1", Mode.ENFORCE, "mx.enforce.example")
        .publish("testing.example", "t1", Mode.TESTING, "mx.testing.example");
    private final PolicyService service = world.newService();
    private final MtaStsHealthCheck check = new MtaStsHealthCheck(service);

    @Test
    void healthyWithNothingKnown() {
        assertThat(Mono.from(check.check()).block().isHealthy()).isTrue();
    }

    @Test
    void healthyWhileRefreshesSucceed() {
        service.refresh("enforce.example");
        service.refresh("testing.example");

        assertThat(check.checkNow().isHealthy()).isTrue();
    }

    @Test
    void healthyBelowTheAlertThreshold() {
        service.refresh("enforce.example");
        world.publishRecordOnly("enforce.example", "e2");
        for (int i = 1; i < PolicyRefresher.ALERT_AFTER_FAILURES; i++) {
            service.refresh("enforce.example");
        }

        assertThat(check.checkNow().isHealthy()).isTrue();
    }

    @Test
    void degradedWhenAnEnforcePolicyKeepsFailingToRefresh() {
        service.refresh("enforce.example");
        world.publishRecordOnly("enforce.example", "e2");
        for (int i = 0; i < PolicyRefresher.ALERT_AFTER_FAILURES; i++) {
            service.refresh("enforce.example");
        }

        Result result = check.checkNow();
        assertThat(result.isDegraded()).isTrue();
        assertThat(result.getCause()).get().asString().contains("enforce.example");
    }

    @Test
    void degradedForATestingPolicyToo() {
        service.refresh("testing.example");
        world.publishRecordOnly("testing.example", "t2");
        for (int i = 0; i < PolicyRefresher.ALERT_AFTER_FAILURES; i++) {
            service.refresh("testing.example");
        }

        assertThat(check.checkNow().isDegraded()).isTrue();
    }

    @Test
    void healthyWhenOnlyADomainWithoutACachedPolicyFails() {
        world.publishRecordOnly("never.example", "n1");
        for (int i = 0; i < PolicyRefresher.ALERT_AFTER_FAILURES; i++) {
            service.refresh("never.example");
        }

        assertThat(check.checkNow().isHealthy()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "dane.enabled={0}, resolver validates: {1} -> healthy: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "REQUIRED, false, false",
        "REQUIRED, true, true",
        "AUTO, false, true",
        "AUTO, true, true",
        "OFF, false, true"})
    void daneRequiredWithoutAValidatingResolverIsDegraded(dev.mtasts.dane.DaneMode mode, boolean validates,
                                                         boolean healthy) {
        dev.mtasts.dane.DaneState dane = new dev.mtasts.dane.DaneState(mode,
            () -> validates ? dev.mtasts.dns.ResolverValidation.validating("AD on test.")
                : dev.mtasts.dns.ResolverValidation.notValidating("SOA test. came without the AD bit"),
            java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5), activation -> { });

        Result result = new MtaStsHealthCheck(service, dane).checkNow();

        assertThat(result.isHealthy()).isEqualTo(healthy);
        if (!healthy) {
            assertThat(result.getCause()).get().asString().contains("dane.enabled=true").contains("without the AD bit");
        }
    }
}
