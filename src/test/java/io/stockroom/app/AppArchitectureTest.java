package io.stockroom.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The MVVM rules of STYLE.md, checked: view models and rows know no view, JDBC or HTTP. */
class AppArchitectureTest {

  private static final JavaClasses APP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.stockroom.app");

  @Test
  void viewModelsKnowNoViewToolkitOrIo() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .or()
        .haveSimpleNameEndingWith("Row")
        .or()
        .haveSimpleNameEndingWith("ViewModel$Screens")
        .or()
        .haveSimpleName("PagedItemList")
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
        .check(APP);
  }

  @Test
  void onlyTheCompositionRootKnowsTheStore() {
    noClasses()
        .that()
        .doNotHaveSimpleName("StockroomApp")
        .and()
        .doNotHaveSimpleName("LocalStores")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.stockroom.store..", "org.jooq..", "java.sql..")
        .check(APP);
  }
}
