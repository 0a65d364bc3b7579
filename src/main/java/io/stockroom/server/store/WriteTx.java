package io.stockroom.server.store;

import io.stockroom.domain.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * An open writing transaction that holds the version counter. Every row it writes takes its own
 * {@link #nextVersion()}, so no two rows of one entity share a version and paging by version never
 * splits a tie.
 */
public final class WriteTx {

  private final DSLContext dsl;
  private long lastVersion;
  private final List<Change> changes = new ArrayList<>();
  private final Statements statements;

  /**
   * The counter row is read and written with statements kept like {@link #exists}'s: jOOQ rendered
   * them anew for every write, a millisecond of each live change's path.
   */
  private static final String LOCK_COUNTER =
      "select last_version from sync_state where id = 1 for update";

  private static final String STORE_COUNTER = "update sync_state set last_version = ? where id = 1";

  /** The version counter when the transaction began; written back only if it moved. */
  private final long firstVersion;

  /** Opens a writing transaction in {@code dsl}: locks the version counter row and reads it. */
  static WriteTx begin(DSLContext dsl) {
    Statements statements = new Statements(dsl);
    long last;
    try {
      PreparedStatement ps = statements.get(LOCK_COUNTER);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          statements.close();
          throw new IllegalStateException("the sync_state row is missing");
        }
        last = rs.getLong(1);
      }
    } catch (SQLException e) {
      statements.close();
      throw new DataAccessException("SQL [" + LOCK_COUNTER + "]; " + e.getMessage(), e);
    }
    return new WriteTx(dsl, last, statements);
  }

  /** Writes the counter back if this transaction took versions. */
  void storeCounter() {
    if (lastVersion != firstVersion) {
      execute(STORE_COUNTER, lastVersion);
    }
  }

  private WriteTx(DSLContext dsl, long lastVersion, Statements statements) {
    this.dsl = dsl;
    this.lastVersion = lastVersion;
    this.firstVersion = lastVersion;
    this.statements = statements;
  }

  public DSLContext dsl() {
    return dsl;
  }

  /** The next version; the caller writes it on exactly one row. */
  public long nextVersion() {
    return ++lastVersion;
  }

  /** Records a row change for the live channel, once the transaction commits. */
  public void changed(EntityType entity, UUID siteId, long version) {
    changes.add(new Change(entity, siteId, version));
  }

  /**
   * Runs {@code work} under a savepoint: if it throws, its writes (and the changes it recorded) are
   * rolled back alone and the exception propagates; the transaction stays usable.
   */
  public <T> T savepoint(Function<WriteTx, T> work) {
    int mark = changes.size();
    try {
      return dsl.transactionResult(
          nested -> {
            WriteTx inner = new WriteTx(DSL.using(nested), lastVersion, statements);
            T result = work.apply(inner);
            lastVersion = inner.lastVersion;
            changes.addAll(inner.changes);
            return result;
          });
    } catch (RuntimeException e) {
      // The versions handed out inside were never written: the next mutation reuses them.
      while (changes.size() > mark) {
        changes.remove(changes.size() - 1);
      }
      throw e;
    }
  }

  /**
   * Whether the plain SQL query {@code sql} (portable, names unquoted) finds a row for these
   * parameters. For the statements a push runs once per mutation: the statement is prepared once
   * per transaction and kept, so neither jOOQ nor the database renders or parses it again.
   */
  public boolean exists(String sql, Object... params) {
    try {
      PreparedStatement ps = statements.get(sql);
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
    }
  }

  /**
   * The first column of the first row {@code sql} finds, as text (null when none), like {@link
   * #exists}.
   */
  public String text(String sql, Object... params) {
    try {
      PreparedStatement ps = statements.get(sql);
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
    }
  }

  /** Runs the plain SQL statement {@code sql} like {@link #exists}; returns the row count. */
  public int execute(String sql, Object... params) {
    try {
      PreparedStatement ps = statements.get(sql);
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
    }
  }

  /** Runs the plain SQL statement {@code sql} once per row of parameters, as one JDBC batch. */
  public void executeBatch(String sql, List<Object[]> rows) {
    try {
      PreparedStatement ps = statements.get(sql);
      try {
        for (Object[] params : rows) {
          bind(ps, params);
          ps.addBatch();
        }
        ps.executeBatch();
      } finally {
        ps.clearBatch(); // a batch cut short leaves nothing for the next push of the group
      }
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object v = params[i];
      if (v == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (v instanceof Instant t) {
        ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }

  /** Closes the statements kept by {@link #exists} and {@link #execute}; the transaction ends. */
  void closeStatements() {
    statements.close();
  }

  /** The statements kept for one transaction, shared by its savepoints. */
  private static final class Statements {

    private final DSLContext dsl;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private Connection connection;

    Statements(DSLContext dsl) {
      this.dsl = dsl;
    }

    PreparedStatement get(String sql) throws SQLException {
      PreparedStatement ps = prepared.get(sql);
      if (ps == null) {
        if (connection == null) {
          // Inside the transaction the provider hands out its one connection every time.
          connection = dsl.connectionResult(c -> c);
        }
        ps = connection.prepareStatement(sql);
        prepared.put(sql, ps);
      }
      return ps;
    }

    void close() {
      for (PreparedStatement ps : prepared.values()) {
        try {
          ps.close();
        } catch (SQLException ignored) {
          // The transaction ends with its connection; nothing is left to release.
        }
      }
      prepared.clear();
    }
  }

  long lastVersion() {
    return lastVersion;
  }

  List<Change> changes() {
    return changes;
  }
}
