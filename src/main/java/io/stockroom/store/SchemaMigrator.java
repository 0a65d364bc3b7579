package io.stockroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Brings the local schema up to the changelog packed in the jar. A Liquibase update costs about a
 * second even with nothing to apply, so when {@code DATABASECHANGELOG} already holds every
 * changeset id of the packed changelog, Liquibase is not started at all.
 */
final class SchemaMigrator {

  /** Where the build packs the client changelog (under a prefix no working directory has). */
  static final String CHANGELOG = "stockroom-db/client/changelog.xml";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  /** Held so the level sticks: Liquibase logs every statement through java.util.logging. */
  private static final java.util.logging.Logger LIQUIBASE_JUL =
      java.util.logging.Logger.getLogger("liquibase");

  /** What happened at open, for logs and the benchmark. */
  record Outcome(boolean liquibaseRan, long millis) {}

  private SchemaMigrator() {}

  static Outcome migrate(Connection connection) {
    long start = System.nanoTime();
    boolean ran = false;
    try {
      Set<String> expected = changeSetIds(CHANGELOG);
      if (!appliedIds(connection).containsAll(expected)) {
        runLiquibase(connection);
        ran = true;
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("could not bring the local database schema up to date", e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.debug("local schema checked in {} ms (liquibase {})", millis, ran ? "ran" : "skipped");
    return new Outcome(ran, millis);
  }

  /** Every changeset id of a changelog and the files it includes, read from the class path. */
  static Set<String> changeSetIds(String resource) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    Document doc = parse(resource);
    String dir = resource.substring(0, resource.lastIndexOf('/') + 1);
    NodeList includes = doc.getElementsByTagName("include");
    for (int i = 0; i < includes.getLength(); i++) {
      Element include = (Element) includes.item(i);
      boolean relative = Boolean.parseBoolean(include.getAttribute("relativeToChangelogFile"));
      String file = include.getAttribute("file");
      ids.addAll(changeSetIds(relative ? dir + file : file));
    }
    NodeList changeSets = doc.getElementsByTagName("changeSet");
    for (int i = 0; i < changeSets.getLength(); i++) {
      ids.add(((Element) changeSets.item(i)).getAttribute("id"));
    }
    return ids;
  }

  private static Document parse(String resource) throws IOException {
    try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("changelog not on the class path: " + resource);
      }
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(in);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("unreadable changelog " + resource, e);
    }
  }

  private static Set<String> appliedIds(Connection connection) throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    try (ResultSet tables =
        connection.getMetaData().getTables(null, null, "DATABASECHANGELOG", null)) {
      if (!tables.next()) {
        return ids;
      }
    }
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT ID FROM DATABASECHANGELOG")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @SuppressWarnings("deprecation") // Liquibase.update stays in the 4.x line we pin
  private static void runLiquibase(Connection connection) throws SQLException {
    try {
      LIQUIBASE_JUL.setLevel(java.util.logging.Level.WARNING);
      Scope.child(
          Map.of(
              "liquibase.analytics.enabled",
              Boolean.FALSE,
              // Progress lines go to the (quiet) log instead of stdout.
              Scope.Attr.ui.name(),
              new LoggerUIService(),
              "liquibase.command.showSummaryOutput",
              "LOG"),
          () -> {
            Database database =
                DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Class path only: Liquibase 4 would also find ./liquibase in the working directory.
            Liquibase liquibase =
                new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
            liquibase.update(new Contexts(), new LabelExpression());
          });
    } catch (Exception e) {
      throw new StoreException("Liquibase could not update the local database", e);
    } finally {
      // Liquibase leaves autoCommit off; a later write on this connection would be lost on close.
      connection.setAutoCommit(true);
    }
  }
}
