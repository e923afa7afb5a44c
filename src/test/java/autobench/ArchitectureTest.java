package autobench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering the design promises, checked on the compiled classes. Each rule is written for a
 * root package, so the same rule is also run on {@code archfixture}, a set of test classes that
 * break it on purpose: a rule that could not fail would be caught there.
 */
class ArchitectureTest {
    static JavaClasses ours;
    static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        ours = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("autobench");
        fixture = new ClassFileImporter().importPackages("archfixture");
    }

    /** No two capabilities depend on each other, directly or through others. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /**
     * The rating maths is pure: it imports nothing of ours but the root package's vocabulary types
     * (which import nothing themselves), so it can be checked and reused alone.
     */
    static ArchRule ratingImportsNothingOfOurs(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".rating..")
                .should()
                .dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAPackage(root + ".rating..")))
                        .and(not(resideInAPackage(root))))
                .allowEmptyShould(true);
    }

    /** The root package holds only shared vocabulary (such as {@code WireName}), so it may not lean on a capability. */
    static ArchRule rootPackageImportsNothingOfOurs(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root)
                .should()
                .dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAPackage(root))))
                .allowEmptyShould(true);
    }

    /** Adapters only classify: what happens next (claims, retries, the ledger) is dispatch's business. */
    static ArchRule providersKnowNothingOfDispatch(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".provider..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        root + ".dispatch..", root + ".db..", root + ".task..", root + ".cycle..", root + ".web..")
                .allowEmptyShould(true);
    }

    /** The engine takes a page and returns pictures and checks; tasks and submissions are the cycle's. */
    static ArchRule renderKnowsNothingOfTasksOrSubmissions(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".render..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".task..", root + ".dispatch..", root + ".cycle..")
                .allowEmptyShould(true);
    }

    /** Visitors never cause a model call: no request handler can reach a provider or the dispatcher. */
    static ArchRule webCannotReachProvidersOrDispatch(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".provider..", root + ".dispatch..")
                .allowEmptyShould(true);
    }

    /**
     * The web role's module holds no way to call a model, not even through other classes: in a
     * web-only process a re-send or a cron dispatch can only be queued for a worker. Checked
     * transitively from {@code wiring.Website} and every class of {@code web}; what it may not reach
     * is the dispatcher, the task writer that asks a model, any provider adapter, the factory of
     * adapters and the HTTP transport (the provider package's data records, a model's config and
     * a reply's token counts, are allowed: the stores read them).
     */
    static ArchRule webRoleCannotReachAModelCall(String root) {
        DescribedPredicate<JavaClass> modelCall = assignableTo(root + ".provider.Provider")
                .or(name(root + ".provider.Adapters"))
                .or(name(root + ".provider.HttpTransport"))
                .or(name(root + ".dispatch.Dispatcher"))
                .or(name(root + ".task.LlmTaskGenerator"))
                .as("a class that can call a model (dispatcher, task writer, provider adapters)");
        return noClasses()
                .that()
                .haveFullyQualifiedName(root + ".wiring.Website")
                .or()
                .resideInAPackage(root + ".web..")
                .should()
                .transitivelyDependOnClassesThat(modelCall)
                .allowEmptyShould(true);
    }

    static Stream<Arguments> rules() {
        return Stream.<Function<String, ArchRule>>of(
                        ArchitectureTest::noPackageCycles,
                        ArchitectureTest::ratingImportsNothingOfOurs,
                        ArchitectureTest::providersKnowNothingOfDispatch,
                        ArchitectureTest::renderKnowsNothingOfTasksOrSubmissions,
                        ArchitectureTest::webCannotReachProvidersOrDispatch,
                        ArchitectureTest::rootPackageImportsNothingOfOurs,
                        ArchitectureTest::webRoleCannotReachAModelCall)
                .map(r -> Arguments.of(r.apply("autobench").getDescription(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void our_classes_keep_the_rule(String description, Function<String, ArchRule> rule) {
        assertThatCode(() -> rule.apply("autobench").check(ours)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void the_rule_fails_on_classes_that_break_it(String description, Function<String, ArchRule> rule) {
        assertThatThrownBy(() -> rule.apply("archfixture").check(fixture)).isInstanceOf(AssertionError.class);
    }

    @Test
    void only_the_dispatcher_the_task_generator_and_the_wiring_see_a_provider() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "autobench.provider..",
                        "autobench.dispatch..",
                        "autobench.task..",
                        "autobench.wiring..",
                        "autobench.cli..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("autobench.provider.Provider")
                .check(ours);
    }

    @Test
    void the_sites_read_model_cannot_reach_a_provider() {
        noClasses()
                .that()
                .resideInAPackage("autobench.gallery..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("autobench.provider..")
                .check(ours);
    }

    @Test
    void only_the_entry_points_know_the_wiring() {
        noClasses()
                .that()
                .resideOutsideOfPackages("autobench.wiring..", "autobench.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("autobench.wiring..", "autobench.cli..")
                .check(ours);
    }

    @Test
    void storage_and_domain_code_does_not_depend_on_providers_or_the_web() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "autobench.db..",
                        "autobench.rating..",
                        "autobench.extract..",
                        "autobench.vote..",
                        "autobench.leaderboard..",
                        "autobench.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("autobench.web..", "autobench.dispatch..", "autobench.cycle..")
                .check(ours);
    }

    @Test
    void no_sql_outside_the_table_owners_and_the_database_package() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "autobench.web..",
                        "autobench.cli..",
                        "autobench.cycle..",
                        "autobench.rating..",
                        "autobench.render..")
                .and()
                .haveSimpleNameNotEndingWith("Store")
                .and()
                .doNotHaveSimpleName("StageRuns")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jdbi..", "java.sql..")
                .check(ours);
    }

    @Test
    void enums_spell_their_wire_names_one_way_and_leave_parsing_to_the_shared_parser() {
        noMethods()
                .that()
                .areDeclaredInClassesThat()
                .areEnums()
                .should()
                .haveNameMatching("wire|fromWire|parse")
                .because("the spelling is WireName.wireName() and values are read with WireName.parse")
                .check(ours);
    }
}
