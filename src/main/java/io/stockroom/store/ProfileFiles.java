package io.stockroom.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile folder and its database file as files: creating the folder, refusing one that cannot
 * be written, owner-only modes, the JDBC address and credentials, and telling a locked, damaged or
 * newer profile from other failures.
 */
final class ProfileFiles {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileFiles.class);

  /** The profile database's own account: the file is guarded by its mode, not a password. */
  static final String USER = "sa";

  static final String PASSWORD = "";

  private ProfileFiles() {}

  /**
   * Creates the profile folder when it is missing and checks that it can be written.
   *
   * @return whether the folder was created now
   */
  static boolean prepare(Path dir) {
    boolean fresh = !Files.exists(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the profile folder "
              + dir
              + (Files.isRegularFile(dir) ? ": a file has that name" : ""),
          e);
    }
    if (!Files.isDirectory(dir)) {
      throw new StoreException("the profile " + dir + " is not a folder");
    }
    Path file = dir.resolve("stockroom.mv.db");
    if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
      // Checked first: H2 would otherwise print its own traces and fail as if the file were
      // damaged.
      throw new StoreException(
          "cannot write to the profile folder "
              + dir
              + ": check that it is yours and not read-only");
    }
    return fresh;
  }

  /** The JDBC URL of the database in a profile folder. */
  static String urlOf(Path profileDir) {
    return "jdbc:h2:file:" + profileDir.resolve("stockroom");
  }

  /**
   * A connection of its own to a profile's database, outside the pool. The H2 driver directly:
   * DriverManager would first load every driver on the class path.
   */
  static Connection connect(String url) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", USER);
    credentials.setProperty("password", PASSWORD);
    return org.h2.Driver.load().connect(url, credentials);
  }

  /**
   * A profile from a newer release must stay as it is, and H2 opened read-write rewrites parts of
   * the file even when nothing changes: the check runs on a read-only open first.
   */
  static void refuseNewerProfile(Path dir, String url) {
    try (Connection readOnly = connect(url + ";ACCESS_MODE_DATA=r")) {
      SchemaMigrator.checkNotNewer(readOnly);
    } catch (SQLException e) {
      if (isLocked(e)) {
        throw new ProfileLockedException(dir, e);
      }
      if (isDamaged(e)) {
        throw new ProfileDamagedException(dir, e);
      }
      throw new StoreException("cannot open the local database in " + dir, e);
    }
  }

  /**
   * The database files, and the profile folder when this open created it, readable by their owner
   * only (issue 15), where the file system has POSIX modes; elsewhere the per-user data folder
   * already admits only its user. A folder that existed keeps its modes: it may be shared, and is
   * the user's to set.
   */
  static void ownerOnly(Path dir, boolean folderToo) {
    try {
      if (folderToo) {
        Files.setPosixFilePermissions(
            dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (f.getFileName().toString().startsWith("stockroom.") && Files.isRegularFile(f)) {
            Files.setPosixFilePermissions(
                f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
          }
        }
      }
    } catch (UnsupportedOperationException | IOException e) {
      LOG.debug("file modes left as they are in {}: {}", dir, e.toString());
    }
  }

  /** H2's codes for a file it cannot read as a database: corrupted, cut short, not H2's. */
  static boolean isDamaged(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1
              || sql.getErrorCode() == ErrorCode.IO_EXCEPTION_2
              || sql.getErrorCode() == ErrorCode.FILE_VERSION_ERROR_1)) {
        return true;
      }
      if (t instanceof org.h2.mvstore.MVStoreException) {
        return true;
      }
    }
    return false;
  }

  static void shutdownImmediately(JdbcConnectionPool pool) {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("SHUTDOWN IMMEDIATELY");
    } catch (SQLException e) {
      LOG.debug("shutdown after refusing the profile", e);
    }
  }

  static boolean isLocked(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        return true;
      }
      if (t.getMessage() != null
          && t.getMessage().toLowerCase(Locale.ROOT).contains("database may be already in use")) {
        return true;
      }
    }
    return false;
  }
}
