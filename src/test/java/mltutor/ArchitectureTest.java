package mltutor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure the README describes, checked on the compiled production classes: the pipeline
 * corpus -> chunking -> embedding -> index -> retrieval -> tutor/practice -> web has no cycle, the LLM client is
 * a leaf with its own vocabulary, and only the web layer knows about HTTP.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("mltutor");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("mltutor.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theLlmPackageDependsOnNoOtherFeature() {
        noClasses().that().resideInAPackage("mltutor.llm..")
                .should().dependOnClassesThat().resideInAnyPackage("mltutor.config..", "mltutor.tutor..",
                        "mltutor.practice..", "mltutor.retrieval..", "mltutor.index..", "mltutor.web..", "mltutor.app..")
                .check(classes);
    }

    @Test
    void practiceDoesNotReachIntoTheTutor() {
        noClasses().that().resideInAPackage("mltutor.practice..")
                .should().dependOnClassesThat().resideInAnyPackage("mltutor.tutor..", "mltutor.web..", "mltutor.app..")
                .check(classes);
    }

    @Test
    void onlyTheWebLayerKnowsHttp() {
        noClasses().that().resideOutsideOfPackages("mltutor.web..", "mltutor.app..", "mltutor.cli..", "mltutor.eval..")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(classes);
    }
}
