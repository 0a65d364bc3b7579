package io.stockroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every architecture rule in one place (docs/architecture.md draws the map). The arrows of
 * DESIGN.md section 2: {@code app -> sync -> store -> domain}, {@code sync -> protocol}, {@code
 * server -> protocol, domain}; {@code cli} sits on top and wires things together. No package
 * depends on itself through others. The MVVM rules of STYLE.md. The benchmark programs ({@code
 * io.stockroom.bench}) are in the tests' source set, never shipped.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
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
  void noPackageDependsOnItselfThroughOthers() {
    // jOOQ's generated tables and their keys refer to each other; that code is not ours to shape.
    slices()
        .matching("io.stockroom.(**)")
        .should()
        .beFreeOfCycles()
        .check(
            classes.that(
                com.tngtech.archunit.base.DescribedPredicate.not(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                        "..jooq.."))));
  }

  @Test
  void benchmarksAreNotShipped() {
    noClasses().should().resideInAPackage("io.stockroom.bench..").check(classes);
  }

  /**
   * The sync agent owns every thread of the sync layer (its scheduler and its request executor) and
   * stops them on close; nothing else there starts one of its own.
   */
  @Test
  void onlyTheSyncAgentStartsThreads() {
    DescribedPredicate<JavaCall<?>> startsAThread =
        new DescribedPredicate<>("construct a thread or call java.util.concurrent.Executors") {
          @Override
          public boolean test(JavaCall<?> call) {
            JavaClass owner = call.getTargetOwner();
            return (call instanceof JavaConstructorCall && owner.isAssignableTo(Thread.class))
                || owner.isEquivalentTo(Executors.class);
          }
        };
    noClasses()
        .that()
        .resideInAPackage("io.stockroom.sync..")
        .and()
        .doNotHaveSimpleName("SyncAgent")
        .should()
        .callCodeUnitWhere(startsAThread)
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

  @Test
  void theProtocolIsPlainJavaAndJackson() {
    classes()
        .that()
        .resideInAPackage("io.stockroom.protocol..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.stockroom.protocol..",
            "io.stockroom.domain..",
            "io.stockroom.json..",
            "java..",
            "com.fasterxml.jackson..")
        .check(classes);
  }

  /** The JSON configuration sits under everything that reads or writes JSON, and knows nothing. */
  @Test
  void theJsonConfigurationKnowsOnlyTheDomain() {
    classes()
        .that()
        .resideInAPackage("io.stockroom.json..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.stockroom.json..", "io.stockroom.domain..", "java..", "com.fasterxml.jackson..")
        .check(classes);
  }

  /** One configured mapper: nothing but {@code JsonMapping} builds one. */
  @Test
  void oneObjectMapper() {
    DescribedPredicate<JavaCall<?>> buildsAMapper =
        new DescribedPredicate<>("construct or build a Jackson ObjectMapper") {
          @Override
          public boolean test(JavaCall<?> call) {
            JavaClass owner = call.getTargetOwner();
            return (call instanceof JavaConstructorCall
                    && owner.isAssignableTo(com.fasterxml.jackson.databind.ObjectMapper.class))
                || (owner.isAssignableTo(com.fasterxml.jackson.databind.ObjectMapper.class)
                    && call.getName().equals("builder"))
                || owner.isAssignableTo(com.fasterxml.jackson.databind.cfg.MapperBuilder.class);
          }
        };
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.stockroom.json.JsonMapping")
        .should()
        .callCodeUnitWhere(buildsAMapper)
        .check(classes);
  }

  /**
   * The store takes typed records from the sync agent. JSON there is only its own: the queued
   * payloads and kept records ({@code Payloads}), the conflict dialog's reading of a payload's
   * sides ({@code LocalConflicts}, {@code LocalCatalog}) and the rescue file ({@code
   * ProfileRescue}, {@code SiteLoss}).
   */
  @Test
  void theStoreKeepsItsOwnJsonInFewRooms() {
    java.util.Set<String> rooms =
        java.util.Set.of("Payloads", "LocalConflicts", "LocalCatalog", "ProfileRescue", "SiteLoss");
    DescribedPredicate<JavaClass> inThoseRooms =
        new DescribedPredicate<>("are (or are nested in) " + rooms) {
          @Override
          public boolean test(JavaClass c) {
            String outer = c.getName().replaceFirst("\\$.*", "");
            return rooms.contains(outer.substring(outer.lastIndexOf('.') + 1));
          }
        };
    noClasses()
        .that()
        .resideInAPackage("io.stockroom.store..")
        .and(DescribedPredicate.not(inThoseRooms))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .check(classes);
  }

  /**
   * The sync layer sees typed records and the protocol's types, never JSON: pages and answers are
   * decoded in {@code protocol}, and the store keeps whatever text it keeps itself.
   */
  @Test
  void theSyncLayerNeverSeesJson() {
    noClasses()
        .that()
        .resideInAPackage("io.stockroom.sync..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void javaFxOnlyInTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.stockroom.app..", "io.stockroom.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "com.sun.javafx..", "atlantafx..")
        .check(classes);
  }

  @Test
  void jdbcAndJooqOnlyInTheStores() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.stockroom.store..", "io.stockroom.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.jooq..",
            "java.sql..",
            "javax.sql..",
            "liquibase..",
            "org.h2..",
            "org.postgresql..")
        .check(classes);
  }

  @Test
  void httpOnlyInTheServerAndTheSyncTransport() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.stockroom.server..")
        .and()
        .doNotBelongToAnyOf(
            io.stockroom.sync.HttpTransport.class, io.stockroom.sync.LiveChannel.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net.http..", "io.javalin..", "org.eclipse.jetty..", "org.java_websocket..")
        .check(classes);
  }

  @Test
  void theServerKnowsNothingOfTheLaptop() {
    noClasses()
        .that()
        .resideInAPackage("io.stockroom.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..", "io.stockroom.store..", "io.stockroom.app..", "io.stockroom.sync..")
        .check(classes);
  }

  @Test
  void onlyTheServerTouchesItsGeneratedTables() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.stockroom.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.stockroom.server.store.jooq..")
        .check(classes);
  }

  @Test
  void viewModelsAndRowsKnowNoViewToolkitOrIo() {
    noClasses()
        .that()
        .resideInAPackage("io.stockroom.app..")
        .and(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are view models, rows or the paged item list",
                c ->
                    c.getSimpleName().endsWith("ViewModel")
                        || c.getSimpleName().endsWith("Row")
                        || c.getName().endsWith("ViewModel$Screens")
                        || c.getSimpleName().equals("PagedItemList")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx.scene..",
            "javafx.stage..",
            "javafx.application..",
            "org.jooq..",
            "java.sql..",
            "java.net.http..",
            "io.stockroom.store..",
            "io.stockroom.server..",
            "io.stockroom.protocol..")
        .check(classes);
  }

  @Test
  void onlyTheAppsCompositionRootKnowsTheStore() {
    noClasses()
        .that()
        .resideInAPackage("io.stockroom.app..")
        .and()
        .doNotHaveFullyQualifiedName("io.stockroom.app.StockroomApp")
        .and()
        .doNotHaveFullyQualifiedName("io.stockroom.app.LocalStores")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.stockroom.store..", "org.jooq..", "java.sql..")
        .check(classes);
  }
}
