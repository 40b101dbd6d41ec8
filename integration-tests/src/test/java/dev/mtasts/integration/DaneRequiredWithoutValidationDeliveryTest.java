package dev.mtasts.integration;

/** {@code dane.enabled=true}: DANE inactive, deliveries as without DANE, the health check degraded. */
class DaneRequiredWithoutValidationDeliveryTest extends DaneWithoutValidationDelivery {

    @Override
    String daneEnabled() {
        return "true";
    }

    @Override
    String expectedHealth() {
        return "degraded";
    }
}
