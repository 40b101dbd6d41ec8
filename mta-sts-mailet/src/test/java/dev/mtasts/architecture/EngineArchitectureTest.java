package dev.mtasts.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The policy engine (policy model and parser, MX matching, fetching, cache and store, the policy service) knows
 * nothing of James: only the {@code dev.mtasts.james} packages may. That keeps the engine usable by the command line
 * and testable without a mail server. JavaMail is not James: the engine reads report mails with it (James ships it,
 * the command line bundles it).
 */
class EngineArchitectureTest {

    private static final String JAMES_GLUE = "dev.mtasts.james..";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mtasts");
    }

    @Test
    void engineImportsNoJamesOrMailetType() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(JAMES_GLUE)
            .should().dependOnClassesThat().resideInAnyPackage(
                "org.apache.james..", "org.apache.mailet..", "com.google.inject..", "javax.inject..")
            .because("the engine must run without James (RFC logic only); James types belong in " + JAMES_GLUE);
        rule.check(production);
    }

    @Test
    void engineDoesNotReachIntoTheJamesGlue() {
        noClasses().that().resideOutsideOfPackage(JAMES_GLUE)
            .should().dependOnClassesThat().resideInAPackage(JAMES_GLUE)
            .check(production);
    }

    @Test
    void noDrawerPackages() {
        noClasses().should().resideInAnyPackage("..util..", "..utils..", "..common..", "..manager..", "..helper..")
            .check(production);
    }
}
