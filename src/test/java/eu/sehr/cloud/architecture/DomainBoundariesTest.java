package eu.sehr.cloud.architecture;

import java.time.Clock;
import java.time.Instant;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command side and the features' api packages speak the domain's language: they refuse with domain refusals
 * ({@code eu.sehr.cloud.domain}), and only the error route configuration turns those into HTTP statuses. The
 * aggregate decides at the time on the command, never the wall clock's.
 */
@AnalyzeClasses(packages = "eu.sehr.cloud", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainBoundariesTest {

    @ArchTest
    static final ArchRule no_http_types_in_command_or_api_packages = noClasses()
            .that().resideInAnyPackage("eu.sehr.cloud..command..", "eu.sehr.cloud..api..", "eu.sehr.cloud.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("eu.sehr.cloud.infra.http..")
            .because("the aggregate and the commands decide in domain terms; errors.camel.yaml maps them to statuses");

    @ArchTest
    static final ArchRule the_aggregate_takes_its_time_from_the_command = noClasses()
            .that().resideInAPackage("eu.sehr.cloud..command..")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .because("a rule is decided at the time the sender's clock put on the command, so tests can choose it");
}
