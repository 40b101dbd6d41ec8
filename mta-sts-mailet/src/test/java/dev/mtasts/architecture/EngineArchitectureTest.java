package dev.mtasts.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    // The shared vocabulary (dev.mtasts.outcome) is what both sides import; arrows between features point one way.
    // mta-sts-dns' test jar (on this module's test class path) brings fixtures that are not production code.
    private static DescribedPredicate<Slice> doNotHaveTestFixtures() {
        return DescribedPredicate.describe("are production code",
            slice -> !slice.getDescription().endsWith("testpeers"));
    }

    @Test
    void enginePackagesHaveNoCycle() {
        slices().matching("dev.mtasts.(*)..").that(doNotHaveTestFixtures()).should().beFreeOfCycles()
            .because("each feature package depends on the ones below it only; shared words live in dev.mtasts.outcome")
            .check(production);
    }
}
