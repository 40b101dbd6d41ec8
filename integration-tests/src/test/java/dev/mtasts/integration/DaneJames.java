package dev.mtasts.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;

import java.util.function.Supplier;

/** A James (from {@link OpsJames}) with {@code dane.enabled} and {@code dns.servers} pointing at a real resolver. */
final class DaneJames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DaneJames() {
    }

    static JamesServerExtension perClass(String daneEnabled, Supplier<String> resolver) {
        return OpsJames.perClass(conf -> TestConf.relayingThrough("""
                <mailet match="All" class="Null"/>
                """, "")
            .mtaStsProperties("dns.servers=" + resolver.get() + "\n"
                + "dns.timeout=2s\n"
                + "dane.enabled=" + daneEnabled + "\n"
                + "dane.validationProbe=" + DaneResolvers.PROBE + "\n")
            .writeTo(conf.toPath()), MxPeers.dns(), new MovableClock());
    }

    /** {@code GET /healthcheck/checks/MTA-STS}. */
    static JsonNode health(GuiceJamesServer james) throws Exception {
        return JSON.readTree(OpsJames.call(james, "GET", "/healthcheck/checks/MTA-STS").body());
    }
}
