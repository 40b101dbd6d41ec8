package dev.mtasts.james.inbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DkimVerdictTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ABSENT", value = {
        "ABSENT                                   | none",
        "''                                       | none",
        "pass (identity @google.com)              | pass",
        "pass                                     | pass",
        "PASS (identity @Yahoo.com)               | pass",
        "fail (identity@x.example:body hash did not verify) | fail",
        "neutral (no signatures)                  | neutral",
        "'  temperror (dns)'                      | temperror",
        "(garbage)                                | none",
        "pass!!                                   | none",
    })
    void theVerdictIsTheFirstWordOfDkimVerifysAttribute(String attribute, String verdict) {
        assertThat(DkimVerdict.of(Optional.ofNullable(attribute))).isEqualTo(verdict);
    }
}
