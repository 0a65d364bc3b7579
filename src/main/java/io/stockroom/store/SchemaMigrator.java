package io.stockroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 *
 * <p>A profile that holds a changeset id or a tag this release does not know was written by a newer
 * release: it is refused before anything is written to it.
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
      Applied applied = applied(connection);
      refuseNewer(applied, expected, knownTags());
      if (!applied.ids().containsAll(expected)) {
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

  /**
   * Refuses a profile written by a newer release, on a connection that cannot write (H2 opened
   * read-write rewrites parts of the file even when nothing changes).
   *
   * @throws ProfileTooNewException when it holds change sets or tags this release does not know
   */
  static void checkNotNewer(Connection readOnly) {
    try {
      refuseNewer(applied(readOnly), changeSetIds(CHANGELOG), knownTags());
    } catch (SQLException | IOException e) {
      throw new StoreException("could not read the local database's schema version", e);
    }
  }

  private static Set<String> knownTags() throws IOException {
    return tags(CHANGELOG);
  }

  /** What {@code DATABASECHANGELOG} holds: the applied changeset ids and the tags set. */
  record Applied(Set<String> ids, Set<String> tags) {}

  /**
   * Throws {@link ProfileTooNewException} when the profile holds a changeset id or a tag the packed
   * changelog does not have.
   */
  static void refuseNewer(Applied applied, Set<String> knownIds, Set<String> knownTags) {
    Set<String> unknownTags = new TreeSet<>(applied.tags());
    unknownTags.removeAll(knownTags);
    boolean unknownIds = !knownIds.containsAll(applied.ids());
    if (unknownTags.isEmpty() && !unknownIds) {
      return;
    }
    String schema =
        newest(unknownTags).orElseGet(() -> "newer than " + newest(knownTags).orElse("this one"));
    throw new ProfileTooNewException(schema);
  }

  /** The highest tag by its number ({@code v10} after {@code v9}), if any. */
  private static Optional<String> newest(Set<String> tags) {
    return tags.stream().max(Comparator.comparingLong(SchemaMigrator::tagNumber));
  }

  private static long tagNumber(String tag) {
    String digits = tag.replaceAll("\\D", "");
    return digits.isEmpty() || digits.length() > 18 ? -1 : Long.parseLong(digits);
  }

  /** Every changeset id of a changelog and the files it includes, read from the class path. */
  static Set<String> changeSetIds(String resource) throws IOException {
    return collect(resource, "changeSet", "id");
  }

  /** Every {@code tagDatabase} tag of a changelog and the files it includes. */
  static Set<String> tags(String resource) throws IOException {
    return collect(resource, "tagDatabase", "tag");
  }

  private static Set<String> collect(String resource, String element, String attribute)
      throws IOException {
    Set<String> values = new LinkedHashSet<>();
    Document doc = parse(resource);
    String dir = resource.substring(0, resource.lastIndexOf('/') + 1);
    NodeList includes = doc.getElementsByTagName("include");
    for (int i = 0; i < includes.getLength(); i++) {
      Element include = (Element) includes.item(i);
      boolean relative = Boolean.parseBoolean(include.getAttribute("relativeToChangelogFile"));
      String file = include.getAttribute("file");
      values.addAll(collect(relative ? dir + file : file, element, attribute));
    }
    NodeList found = doc.getElementsByTagName(element);
    for (int i = 0; i < found.getLength(); i++) {
      values.add(((Element) found.item(i)).getAttribute(attribute));
    }
    return values;
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

  static Applied applied(Connection connection) throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> tags = new LinkedHashSet<>();
    try (ResultSet tables =
        connection.getMetaData().getTables(null, null, "DATABASECHANGELOG", null)) {
      if (!tables.next()) {
        return new Applied(ids, tags);
      }
    }
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT ID, TAG FROM DATABASECHANGELOG")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
        if (rs.getString(2) != null) {
          tags.add(rs.getString(2));
        }
      }
    }
    return new Applied(ids, tags);
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
