package io.stockroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md section 2, kept by a test: {@code app -> sync -> store -> domain}, {@code
 * sync -> protocol}, {@code server -> protocol, domain}; {@code cli} sits on top and wires things
 * together. The benchmark programs ({@code io.stockroom.bench}) are in the tests' source set.
 */
class LayerRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stockroom");
  }

  @Test
  void layersPointOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("Cli")
        .definedBy("io.stockroom.cli..")
        .layer("App")
        .definedBy("io.stockroom.app..")
        .layer("Sync")
        .definedBy("io.stockroom.sync..")
        .layer("Store")
        .definedBy("io.stockroom.store..")
        .layer("Server")
        .definedBy("io.stockroom.server..")
        .layer("Protocol")
        .definedBy("io.stockroom.protocol..")
        .layer("Domain")
        .definedBy("io.stockroom.domain..")
        .whereLayer("Cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("App")
        .mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("Sync")
        .mayOnlyBeAccessedByLayers("App", "Cli")
        .whereLayer("Store")
        .mayOnlyBeAccessedByLayers("Sync", "App", "Cli")
        .whereLayer("Server")
        .mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("Protocol")
        .mayOnlyBeAccessedByLayers("Sync", "Server", "Cli")
        .check(classes);
  }

  @Test
  void benchmarksAreNotShipped() {
    noClasses().should().resideInAPackage("io.stockroom.bench..").check(classes);
  }

  @Test
  void domainAndProtocolArePureJava() {
    noClasses()
        .that()
        .resideInAnyPackage("io.stockroom.domain..", "io.stockroom.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..",
            "java.sql..",
            "javax.sql..",
            "org.jooq..",
            "io.javalin..",
            "java.net.http..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void onlyTheStoresTouchJooqAndJdbc() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.stockroom.store..", "io.stockroom.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..", "liquibase..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void viewModelsKnowNoViewNoDatabaseNoNetwork() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx.scene..",
            "javafx.stage..",
            "javafx.application..",
            "org.jooq..",
            "java.sql..",
            "java.net.http..",
            "io.stockroom.store..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void theDomainKnowsNoOtherLayer() {
    classes()
        .that()
        .resideInAPackage("io.stockroom.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.stockroom.domain..", "java..")
        .check(classes);
  }
}
