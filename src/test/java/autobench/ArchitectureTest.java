package autobench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering the design promises, checked on the compiled classes. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("autobench");
    }

    @Test
    void storage_and_domain_code_depends_on_neither_web_nor_providers() {
        noClasses().that().resideInAnyPackage("autobench.db..", "autobench.rating..", "autobench.extract..", "autobench.vote..")
                .or().haveSimpleNameEndingWith("Store").or().haveSimpleNameEndingWith("Ledger")
                .or().haveFullyQualifiedName("autobench.task.BuiltinLibrary")
                .should().dependOnClassesThat().resideInAnyPackage("autobench.web..", "autobench.provider..")
                .check(classes);
    }

    @Test
    void providers_do_not_depend_on_dispatch_storage_or_web() {
        noClasses().that().resideInAPackage("autobench.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("autobench.dispatch..", "autobench.db..", "autobench.web..", "autobench.task..")
                .check(classes);
    }

    @Test
    void rating_is_pure_maths_without_database_or_network() {
        noClasses().that().resideInAPackage("autobench.rating")
                .should().dependOnClassesThat().resideInAnyPackage("autobench.db..", "org.jdbi..", "java.sql..", "java.net..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void only_the_dispatcher_and_the_task_generator_call_providers() {
        noClasses().that().resideOutsideOfPackages("autobench.provider..", "autobench.dispatch..", "autobench.task..", "autobench", "autobench.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName("autobench.provider.Provider")
                .check(classes);
    }
}
