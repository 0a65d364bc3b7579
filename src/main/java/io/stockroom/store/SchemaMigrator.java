package io.stockroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
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
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

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
      Changelog packed = Changelog.packed();
      Set<String> expected = packed.ids();
      Applied applied = applied(connection);
      refuseNewer(applied, expected, packed.tags());
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
      Changelog packed = Changelog.packed();
      refuseNewer(applied(readOnly), packed.ids(), packed.tags());
    } catch (SQLException | IOException e) {
      throw new StoreException("could not read the local database's schema version", e);
    }
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
    return Changelog.read(resource).ids();
  }

  /** Every {@code tagDatabase} tag of a changelog and the files it includes. */
  static Set<String> tags(String resource) throws IOException {
    return Changelog.read(resource).tags();
  }

  /**
   * The changeset ids and tags of a changelog and the files it includes. The packed one is read
   * once per process, in one SAX pass over each file: the start checks it twice (read-only, then on
   * the opened store), and a DOM parse per file and per question made those two checks take
   * 0.16-0.23 s instead of 0.05-0.07 s.
   */
  record Changelog(Set<String> ids, Set<String> tags) {

    private static volatile Changelog packed;

    static Changelog packed() throws IOException {
      Changelog c = packed;
      if (c == null) {
        c = read(CHANGELOG);
        packed = c;
      }
      return c;
    }

    static Changelog read(String resource) throws IOException {
      Changelog into = new Changelog(new LinkedHashSet<>(), new LinkedHashSet<>());
      SAXParser parser;
      try {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        parser = factory.newSAXParser();
      } catch (ParserConfigurationException | SAXException e) {
        throw new IOException("no XML parser for the changelog", e);
      }
      into.collect(parser, resource);
      return new Changelog(
          Collections.unmodifiableSet(into.ids()), Collections.unmodifiableSet(into.tags()));
    }

    private void collect(SAXParser parser, String resource) throws IOException {
      String dir = resource.substring(0, resource.lastIndexOf('/') + 1);
      List<String> includes = new ArrayList<>();
      try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("changelog not on the class path: " + resource);
        }
        parser.reset();
        parser.parse(
            in,
            new DefaultHandler() {
              @Override
              public void startElement(String uri, String local, String name, Attributes atts) {
                switch (name) {
                  case "include" -> {
                    String file = valueOf(atts, "file");
                    boolean relative =
                        Boolean.parseBoolean(atts.getValue("relativeToChangelogFile"));
                    includes.add(relative ? dir + file : file);
                  }
                  case "changeSet" -> ids.add(valueOf(atts, "id"));
                  case "tagDatabase" -> tags.add(valueOf(atts, "tag"));
                  default -> {}
                }
              }
            });
      } catch (SAXException e) {
        throw new IOException("unreadable changelog " + resource, e);
      }
      for (String include : includes) {
        collect(parser, include);
      }
    }

    /** As DOM's {@code getAttribute}: an absent attribute reads as "". */
    private static String valueOf(Attributes atts, String name) {
      String v = atts.getValue(name);
      return v == null ? "" : v;
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
