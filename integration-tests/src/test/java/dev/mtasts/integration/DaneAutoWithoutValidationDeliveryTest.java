package dev.mtasts.integration;

/** {@code dane.enabled=auto}: DANE inactive, deliveries as without DANE, healthy. */
class DaneAutoWithoutValidationDeliveryTest extends DaneWithoutValidationDelivery {

    @Override
    String daneEnabled() {
        return "auto";
    }

    @Override
    String expectedHealth() {
        return "healthy";
    }
}
