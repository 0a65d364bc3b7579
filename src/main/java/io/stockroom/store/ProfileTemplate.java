package io.stockroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An empty profile database at the current schema, made by the build and packed in the jar
 * (decision record 0046). A new profile starts as a copy of it instead of running Liquibase, which
 * costs 1.5 s on a cold JVM before the first sync or the first window can start.
 *
 * <p>The build makes it with {@link #main} on the packed changelog through {@link
 * SchemaMigrator#migrate}, the very code a new profile would otherwise run, so the copy holds the
 * same tables and the same {@code DATABASECHANGELOG} rows: a later release migrates it like any
 * other profile. It holds nothing of a profile's own (node id, local site, settings): those are
 * written at open. Where the jar has no template (a build that skipped it) or the copy cannot be
 * made, the profile is created by Liquibase as before.
 */
public final class ProfileTemplate {

  /** Where the build writes the template, under the packed changelog's prefix. */
  static final String RESOURCE = "stockroom-db/client/empty-profile.mv.db";

  private static final Logger LOG = LoggerFactory.getLogger(ProfileTemplate.class);

  private ProfileTemplate() {}

  /**
   * Puts a copy of the template at {@code dbFile} when nothing is there. The copy is written beside
   * it and then linked into place, so the file appears whole or not at all, and never replaces a
   * file another process created meanwhile.
   *
   * @return whether the copy is now the profile's database
   */
  static boolean copyTo(Path dbFile) {
    return copyTo(RESOURCE, dbFile);
  }

  static boolean copyTo(String resource, Path dbFile) {
    Path part = dbFile.resolveSibling(dbFile.getFileName() + ".part");
    try (InputStream in = ProfileTemplate.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        LOG.debug("no profile template in this build: Liquibase creates the schema");
        return false;
      }
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      try {
        Files.createLink(dbFile, part);
      } catch (UnsupportedOperationException e) {
        Files.move(part, dbFile); // fails, without replacing, when the file exists
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false; // another process created the profile first; open it as it is
    } catch (IOException e) {
      // A file system that refuses links, say: Liquibase creates the schema instead.
      LOG.debug("profile template not copied to {}: {}", dbFile, e.toString());
      return false;
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        LOG.debug("could not remove {}: {}", part, e.toString());
      }
    }
  }

  /**
   * Writes the template: {@code main(target)} with the file to write. Run by the build after the
   * classes and the changelog are in place.
   */
  public static void main(String[] args) throws IOException, SQLException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ProfileTemplate TARGET_FILE");
    }
    Path target = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createTempDirectory("stockroom-template");
    try {
      try (Connection c = ProfileFiles.connect(ProfileFiles.urlOf(work));
          Statement st = c.createStatement()) {
        SchemaMigrator.migrate(c);
        st.execute("SHUTDOWN COMPACT");
      }
      Files.createDirectories(target.getParent());
      Files.copy(work.resolve("stockroom.mv.db"), target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      try (var files = Files.list(work)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(work);
    }
  }
}
