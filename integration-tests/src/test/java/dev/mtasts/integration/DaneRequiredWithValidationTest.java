package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7672 §2.1 in a running James against a real unbound: with dane.enabled=true and a validating resolver
 * (zones signed at test time), the health check is healthy.
 */
class DaneRequiredWithValidationTest {

    @RegisterExtension
    static final JamesServerExtension JAMES = DaneJames.perClass("true", DaneResolvers::validating);

    @Test
    void theHealthCheckIsHealthy(GuiceJamesServer james) throws Exception {
        JsonNode health = DaneJames.health(james);

        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("healthy");
    }
}
