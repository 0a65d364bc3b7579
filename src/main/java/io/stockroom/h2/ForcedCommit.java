package io.stockroom.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Puts an embedded H2 database's committed transactions on the device now: the one way the laptop's
 * store and the server's force a commit they are about to acknowledge (decision records 0041 and
 * 0051).
 *
 * <p>H2 writes commits to its file from a background thread up to half a second later. {@code
 * CHECKPOINT SYNC} writes them now and forces the file, but first lets the store rewrite up to 4 MB
 * of sparse chunks, on every call, in the caller's time. This stores the open changes and forces
 * the file, as {@code CHECKPOINT SYNC} does when it finds nothing to compact, and leaves compaction
 * to H2's background writer, which runs it anyway.
 */
public final class ForcedCommit {

  private ForcedCommit() {}

  /**
   * Writes every committed transaction of {@code connection}'s database to its file and forces the
   * file to the device. A connection to a database in another process is forced with {@code
   * CHECKPOINT SYNC}, which that process runs.
   *
   * @throws SQLException if the store cannot be written or forced; commits stay committed in memory
   */
  public static void force(Connection connection) throws SQLException {
    Session session = connection.unwrap(JdbcConnection.class).getSession();
    if (!(session instanceof SessionLocal local)) {
      try (Statement st = connection.createStatement()) {
        st.execute("CHECKPOINT SYNC");
      }
      return;
    }
    MVStore store = local.getDatabase().getStore().getMvStore();
    try {
      store.commit();
      store.sync();
    } catch (MVStoreException e) {
      throw new SQLException("the database file could not be written: " + e.getMessage(), e);
    }
  }
}
