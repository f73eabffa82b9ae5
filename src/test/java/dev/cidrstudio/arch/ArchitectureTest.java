package dev.cidrstudio.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: model ← io ← app ← ui/cli, and nothing below ui knows JavaFX. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cidrstudio");

    @Test
    void modelKnowsNothingOfJavaFx() {
        noClasses().that().resideInAPackage("dev.cidrstudio.model..").should().dependOnClassesThat()
                .resideInAPackage("javafx..").check(CLASSES);
    }

    @Test
    void ioAndAppAndConsoleKnowNothingOfJavaFx() {
        noClasses().that().resideInAnyPackage("dev.cidrstudio.io..", "dev.cidrstudio.app..",
                "dev.cidrstudio.console..", "dev.cidrstudio.cli..").should().dependOnClassesThat()
                .resideInAPackage("javafx..").check(CLASSES);
    }

    @Test
    void modelDoesNotDependOnOuterLayers() {
        noClasses().that().resideInAPackage("dev.cidrstudio.model..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cidrstudio.io..", "dev.cidrstudio.app..", "dev.cidrstudio.console..",
                        "dev.cidrstudio.ui..", "dev.cidrstudio.cli..").check(CLASSES);
    }

    @Test
    void ioDoesNotDependOnAppOrUi() {
        noClasses().that().resideInAPackage("dev.cidrstudio.io..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cidrstudio.app..", "dev.cidrstudio.console..", "dev.cidrstudio.ui..",
                        "dev.cidrstudio.cli..").check(CLASSES);
    }

    @Test
    void noPackageCircles() {
        slices().matching("dev.cidrstudio.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** Each tab depends on the workspace, the session and the model, never on another tab or the main window. */
    @Test
    void tabsAreIndependent() {
        List<String> tabs = List.of("capacity", "console", "dualstack", "hosts", "map", "navigator", "overview",
                "policies", "servicecidrs", "services", "wizard");
        for (String tab : tabs) {
            String[] others = tabs.stream().filter(t -> !t.equals(tab)).map(t -> "dev.cidrstudio.ui." + t + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.cidrstudio.ui." + tab + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(others).orShould().dependOnClassesThat()
                    .resideInAnyPackage("dev.cidrstudio.ui.main..", "dev.cidrstudio.ui").check(CLASSES);
        }
    }

    /** The served API sits above the console and the wizard, below the window and the command line. */
    @Test
    void onlyTheWindowAndTheCommandLineUseTheServer() {
        noClasses().that().resideOutsideOfPackages("dev.cidrstudio.server..", "dev.cidrstudio.ui..",
                "dev.cidrstudio.cli..").should().dependOnClassesThat().resideInAPackage("dev.cidrstudio.server..")
                .check(CLASSES);
    }

    @Test
    void theServerKnowsNothingOfJavaFxNorOfTheWindow() {
        noClasses().that().resideInAPackage("dev.cidrstudio.server..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "dev.cidrstudio.ui..", "dev.cidrstudio.cli..",
                        "dev.cidrstudio.wizard..").check(CLASSES);
    }

    /** Jetty is the server's own: no other layer speaks HTTP. */
    @Test
    void onlyTheServerUsesJetty() {
        noClasses().that().resideOutsideOfPackage("dev.cidrstudio.server..").should().dependOnClassesThat()
                .resideInAPackage("org.eclipse.jetty..").check(CLASSES);
    }

    @Test
    void theWizardKnowsNothingOfJavaFx() {
        noClasses().that().resideInAPackage("dev.cidrstudio.wizard..").should().dependOnClassesThat()
                .resideInAPackage("javafx..").check(CLASSES);
    }

    @Test
    void theAppLayerDoesNotDependOnItsClients() {
        noClasses().that().resideInAPackage("dev.cidrstudio.app..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cidrstudio.console..", "dev.cidrstudio.wizard..", "dev.cidrstudio.cli..")
                .check(CLASSES);
    }

    @Test
    void kubectlCommandsKnowNothingOfTheConsoleAboveThem() {
        noClasses().that().resideInAPackage("dev.cidrstudio.console.kubectl..").should().dependOnClassesThat()
                .resideInAPackage("dev.cidrstudio.console").check(CLASSES);
    }

    @Test
    void onlyTheUiUsesTheUi() {
        noClasses().that().resideOutsideOfPackages("dev.cidrstudio.ui..", "dev.cidrstudio")
                .should().dependOnClassesThat().resideInAPackage("dev.cidrstudio.ui..").check(CLASSES);
    }

    @Test
    void theConsoleShellKnowsNothingOfTheConsole() {
        noClasses().that().resideInAPackage("dev.cidrstudio.console.shell..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.cidrstudio.console", "dev.cidrstudio.model..", "dev.cidrstudio.io..",
                        "dev.cidrstudio.app..", "dev.cidrstudio.ui..", "dev.cidrstudio.cli..", "dev.cidrstudio.wizard..")
                .check(CLASSES);
    }
}
