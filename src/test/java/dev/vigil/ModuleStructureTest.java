package dev.vigil;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries of the architecture, checked on every build. */
class ModuleStructureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil");

    @Test
    void modulesOnlyUseTheApiOfModulesTheyDeclare() {
        ApplicationModules.of(VigilApplication.class).verify();
    }

    @Test
    void theCanonicalModelKnowsNothingOfSpringOrTheWeb() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.alert")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void parsersDoNotTouchStorageOrSpring() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.ingest.parse..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.jdbc..", "org.springframework.web..", "dev.vigil.alert.store..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineWritesToTheConsole() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.vigil.cli..", "dev.vigil.access.apikey..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(CLASSES);
    }
}
