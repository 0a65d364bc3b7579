package io.stockroom.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The server's database: a connection pool on embedded H2 (a folder) or PostgreSQL (a JDBC URL),
 * migrated by the changelogs of {@code liquibase/server/} and wrapped in one jOOQ context.
 */
public final class ServerDatabase implements AutoCloseable {

  /** Where the build packs the server changelog inside the jar (see STACK.md). */
  static final String CHANGELOG = "stockroom-db/server/changelog.xml";

  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final boolean embedded;
  private final String url;
  private final String user;
  private final String password;

  /** The H2 data folder, kept owner-only; null on PostgreSQL or an H2 URL given as such. */
  private Path folder;

  private ServerDatabase(
      HikariDataSource dataSource, SQLDialect dialect, String url, String user, String password) {
    this.dataSource = dataSource;
    this.url = url;
    this.user = user;
    this.password = password;
    this.embedded = dialect == SQLDialect.H2;
    // Names render unquoted so the same generated classes find H2's upper-case and PostgreSQL's
    // lower-case tables.
    Settings settings =
        new Settings()
            .withRenderQuotedNames(RenderQuotedNames.NEVER)
            .withRenderSchema(false)
            .withExecuteLogging(false);
    this.dsl = DSL.using(dataSource, dialect, settings);
  }

  /** The embedded H2 database in {@code dir}. */
  public static ServerDatabase h2(Path dir) {
    Path folder = dir.toAbsolutePath();
    try {
      java.nio.file.Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new StoreUnavailableException("cannot create " + folder + ": " + e.getMessage(), e);
    }
    Path file = folder.resolve("stockroom-server.mv.db");
    if (!java.nio.file.Files.isWritable(folder)
        || (java.nio.file.Files.exists(file) && !java.nio.file.Files.isWritable(file))) {
      // Checked first: H2 would otherwise print its own traces before failing.
      throw new StoreUnavailableException(
          "cannot write to " + folder + ": check that it is this user's and not read-only", null);
    }
    String url =
        "jdbc:h2:file:"
            + dir.toAbsolutePath().resolve("stockroom-server")
            + ";LOCK_TIMEOUT=30000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=128";
    ServerDatabase db = open(url, "sa", "");
    db.folder = folder;
    ownerOnly(folder);
    return db;
  }

  /**
   * The data folder and the H2 files in it readable by their owner only (issue 15), where the file
   * system has POSIX modes.
   */
  private static void ownerOnly(Path folder) {
    try {
      java.nio.file.Files.setPosixFilePermissions(
          folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      try (var files = java.nio.file.Files.list(folder)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (f.getFileName().toString().startsWith("stockroom-server.")) {
            java.nio.file.Files.setPosixFilePermissions(
                f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
          }
        }
      }
    } catch (UnsupportedOperationException | java.io.IOException e) {
      // No POSIX modes here (Windows): the folder's access list is the administrator's to set.
    }
  }

  /** A database by JDBC URL ({@code jdbc:postgresql:...} or {@code jdbc:h2:...}). */
  public static ServerDatabase open(String url, String user, String password) {
    SQLDialect dialect;
    if (url.startsWith("jdbc:postgresql:")) {
      dialect = SQLDialect.POSTGRES;
    } else if (url.startsWith("jdbc:h2:")) {
      dialect = SQLDialect.H2;
    } else {
      throw new IllegalArgumentException(
          "unsupported database URL (use jdbc:postgresql:... or jdbc:h2:...): " + url);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(dialect == SQLDialect.H2 ? 12 : 20);
    config.setPoolName("stockroom-server");
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setInitializationFailTimeout(5_000);
    config.setConnectionTimeout(30_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException(describe(e), e);
    }
    try {
      migrate(ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new ServerDatabase(ds, dialect, url, user, password);
  }

  /** Held so the level set on Liquibase's java.util.logging logger is not collected. */
  private static final java.util.logging.Logger LIQUIBASE_LOG =
      java.util.logging.Logger.getLogger("liquibase");

  private static void migrate(DataSource ds) {
    LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    // The update summary goes to the log, not to stdout, which belongs to the command.
    System.setProperty("liquibase.command.showSummaryOutput", "log");
    if (System.getProperty("liquibase.analytics.enabled") == null) {
      System.setProperty("liquibase.analytics.enabled", "false");
    }
    try (Connection connection = ds.getConnection()) {
      Map<String, Object> scope = new HashMap<>();
      scope.put(Scope.Attr.ui.name(), new LoggerUIService());
      Scope.child(
          scope,
          () -> {
            Database database =
                DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Not closed: closing Liquibase closes the pooled connection under the pool.
            Liquibase liquibase =
                new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
            liquibase.update(new Contexts());
          });
      // Liquibase leaves autoCommit off; the pool must get the connection back as it gave it.
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new StoreUnavailableException(describe(e), e);
    } catch (Exception e) {
      throw new StoreUnavailableException("could not migrate the server database: " + e, e);
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  public DSLContext dsl() {
    return dsl;
  }

  /**
   * Puts every committed transaction on the disk before it returns (decision record 0041). H2
   * writes commits to its file from a background thread up to half a second later, so a process
   * killed in that window loses transactions it had reported committed; {@code CHECKPOINT SYNC}
   * writes them now and forces them to the device. PostgreSQL's commit is already durable (WAL,
   * {@code synchronous_commit} on), so there this does nothing.
   */
  public void flush() {
    if (embedded) {
      dsl.execute("CHECKPOINT SYNC");
    }
  }

  /**
   * A connection of its own, outside the pool, for work that holds one for the process's life (the
   * PostgreSQL listener of {@link Notifications}). The caller closes it.
   */
  Connection connectAlone() throws SQLException {
    java.util.Properties props = new java.util.Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    if (!embedded) {
      // A half-open connection (a network cut, a database failed over) must fail within seconds,
      // not after the kernel's retransmissions: the listener's ping then reconnects.
      props.setProperty("tcpKeepAlive", "true");
      props.setProperty("socketTimeout", "30");
      props.setProperty("connectTimeout", "10");
    }
    return java.sql.DriverManager.getConnection(url, props);
  }

  /** Reports the pool's connections, waits and timeouts to {@code registry} (HikariCP's meters). */
  public void measure(io.micrometer.core.instrument.MeterRegistry registry) {
    dataSource.setMetricRegistry(registry);
  }

  /** Whether this is the embedded H2 store (one process owns the file). */
  public boolean embedded() {
    return embedded;
  }

  @Override
  public void close() {
    dataSource.close();
    if (folder != null) {
      // Compacting on close writes a new file in place of the old one, with the default mode.
      ownerOnly(folder);
    }
  }
}
