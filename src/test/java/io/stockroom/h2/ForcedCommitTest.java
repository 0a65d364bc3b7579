package io.stockroom.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForcedCommitTest {

  @TempDir Path dir;

  @Test
  void aCommitIsInTheFileOnceForced() throws SQLException {
    try (Connection c =
        DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db"), "sa", "")) {
      MVStore store = storeOf(c);
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(20))");
        ForcedCommit.force(c);
        st.execute("INSERT INTO t VALUES (1, 'one')");
      }
      long writes = store.getFileStore().getWriteCount();
      // H2's background writer stores half a second later: before the force, the commit is only in
      // memory.
      assertThat(store.hasUnsavedChanges()).isTrue();

      ForcedCommit.force(c);

      assertThat(store.hasUnsavedChanges()).isFalse();
      assertThat(store.getFileStore().getWriteCount()).isGreaterThan(writes);
    }
  }

  @Test
  void aDatabaseInAnotherProcessIsForcedThere() throws SQLException {
    // The build sets it, so that the server listens on loopback only (H2 reads it once).
    assumeTrue("127.0.0.1".equals(System.getProperty("h2.bindAddress")), "h2.bindAddress unset");
    Server server =
        Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/remote", "sa", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t(id INT PRIMARY KEY)");
      st.execute("INSERT INTO t VALUES (1)");

      ForcedCommit.force(c);

      try (var rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void aClosedDatabaseSaysSo() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("gone"), "sa", "");
    MVStore store = storeOf(c);
    store.closeImmediately();
    try {
      assertThatThrownBy(() -> ForcedCommit.force(c))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("could not be written");
    } finally {
      c.close();
    }
  }

  private static MVStore storeOf(Connection c) throws SQLException {
    return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
        .getDatabase()
        .getStore()
        .getMvStore();
  }
}
