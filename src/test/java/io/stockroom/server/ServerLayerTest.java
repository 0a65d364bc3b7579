package io.stockroom.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The arrows of DESIGN.md section 2 that concern the server and the protocol. */
class ServerLayerTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.stockroom");

  @Test
  void protocolImportsNoJavaFxJdbcOrHttp() {
    noClasses()
        .that()
        .resideInAPackage("io.stockroom.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..",
            "java.sql..",
            "javax.sql..",
            "org.jooq..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "java.net.http..",
            "io.stockroom.server..",
            "io.stockroom.store..",
            "io.stockroom.app..")
        .check(classes);
  }

  @Test
  void serverKnowsNothingOfTheClient() {
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
  void onlyTheServerStoreAndPoliciesTouchGeneratedServerTables() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.stockroom.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.stockroom.server.store.jooq..")
        .check(classes);
  }
}
