package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7672 §2.1 in a running James against a real unbound: with dane.enabled=true and a resolver that does not
 * validate, the health check is degraded with the reason.
 */
class DaneRequiredWithoutValidationTest {

    @RegisterExtension
    static final JamesServerExtension JAMES = DaneJames.perClass("true", DaneResolvers::plain);

    @Test
    void theHealthCheckIsDegraded(GuiceJamesServer james) throws Exception {
        JsonNode health = DaneJames.health(james);

        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("degraded");
        assertThat(health.get("cause").asText()).contains("dane.enabled=true").contains("without the AD bit");
    }
}
