package io.stockroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which process runs the maintenance (the tombstone purge, old tokens): exactly one at a time of
 * those sharing a PostgreSQL schema. It is the one holding a session advisory lock on a connection
 * of its own; the lock goes with that connection, so when the process or its connection dies,
 * another process takes it at its next try. On embedded H2 the one process always holds it.
 */
public final class MaintenanceLease implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceLease.class);

  private final ServerDatabase db;
  private Connection held; // the connection holding the lock; null when not the holder
  private boolean closed;

  public MaintenanceLease(ServerDatabase db) {
    this.db = db;
  }

  /**
   * Whether this process may run the maintenance now: it holds the lock, or has just taken it.
   * Never waits for another process.
   */
  public synchronized boolean held() {
    if (closed) {
      return false;
    }
    if (db.embedded()) {
      return true;
    }
    try {
      if (held != null) {
        if (held.isValid(5)) {
          return true;
        }
        closeQuietly();
      }
      Connection c = db.connectAlone();
      boolean got = false;
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT pg_try_advisory_lock(hashtextextended('stockroom maintenance '"
                      + " || current_schema(), 0))");
          ResultSet r = s.executeQuery()) {
        got = r.next() && r.getBoolean(1);
      } finally {
        if (got) {
          held = c;
        } else {
          c.close();
        }
      }
      if (got) {
        log.info("this process runs the maintenance");
      }
      return got;
    } catch (SQLException | RuntimeException e) {
      log.warn("cannot tell whether this process runs the maintenance: {}", e.toString());
      closeQuietly();
      return false;
    }
  }

  private void closeQuietly() {
    if (held != null) {
      try {
        held.close();
      } catch (SQLException e) {
        // Gone already; so is its lock.
      }
      held = null;
    }
  }

  /** Lets another process take the maintenance. */
  @Override
  public synchronized void close() {
    closed = true;
    closeQuietly();
  }
}
