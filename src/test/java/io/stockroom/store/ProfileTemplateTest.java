package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packed empty profile a new profile is copied from (decision record 0046). */
class ProfileTemplateTest {

  @TempDir Path tmp;

  /** What a schema is made of, each as sorted rows, plus the changelog's rows. */
  private static final Map<String, String> SCHEMA_QUERIES = new LinkedHashMap<>();

  static {
    SCHEMA_QUERIES.put(
        "columns",
        "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
            + " NUMERIC_PRECISION, IS_NULLABLE, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1, 3");
    SCHEMA_QUERIES.put(
        "index columns",
        "SELECT I.TABLE_NAME, I.INDEX_NAME, I.INDEX_TYPE_NAME, C.COLUMN_NAME, C.ORDINAL_POSITION"
            + " FROM INFORMATION_SCHEMA.INDEXES I JOIN INFORMATION_SCHEMA.INDEX_COLUMNS C"
            + " ON C.INDEX_SCHEMA = I.INDEX_SCHEMA AND C.INDEX_NAME = I.INDEX_NAME"
            + " WHERE I.TABLE_SCHEMA = 'PUBLIC' ORDER BY 1, 2, 5");
    SCHEMA_QUERIES.put(
        "constraints",
        "SELECT T.TABLE_NAME, T.CONSTRAINT_NAME, T.CONSTRAINT_TYPE, K.CHECK_CLAUSE"
            + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS T LEFT JOIN"
            + " INFORMATION_SCHEMA.CHECK_CONSTRAINTS K ON K.CONSTRAINT_SCHEMA ="
            + " T.CONSTRAINT_SCHEMA AND K.CONSTRAINT_NAME = T.CONSTRAINT_NAME"
            + " WHERE T.TABLE_SCHEMA = 'PUBLIC' ORDER BY 1, 2");
    SCHEMA_QUERIES.put(
        "changelog",
        "SELECT ID, AUTHOR, FILENAME, MD5SUM, ORDEREXECUTED, EXECTYPE, TAG, DESCRIPTION"
            + " FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
  }

  @Test
  void theTemplateHasTheSchemaAndChangelogLiquibaseWrites() throws Exception {
    Path built = tmp.resolve("liquibase");
    Files.createDirectories(built);
    try (Connection c = connect(built)) {
      assertThat(SchemaMigrator.migrate(c).liquibaseRan()).isTrue();
    }
    Path copied = tmp.resolve("template");
    Files.createDirectories(copied);
    assertThat(ProfileTemplate.copyTo(copied.resolve("stockroom.mv.db"))).isTrue();

    try (Connection fromLiquibase = connect(built);
        Connection fromTemplate = connect(copied)) {
      for (Map.Entry<String, String> q : SCHEMA_QUERIES.entrySet()) {
        List<List<Object>> expected = rows(fromLiquibase, q.getValue());
        assertThat(expected).as(q.getKey()).isNotEmpty();
        assertThat(rows(fromTemplate, q.getValue())).as(q.getKey()).isEqualTo(expected);
      }
      // Nothing of a profile's own: every table but the changelog's is empty.
      for (String table : tables(fromTemplate)) {
        if (!table.startsWith("DATABASECHANGELOG")) {
          assertThat(rows(fromTemplate, "SELECT COUNT(*) FROM \"" + table + "\""))
              .as(table)
              .containsExactly(List.of(0L));
        }
      }
      assertThat(rows(fromTemplate, "SELECT LOCKED FROM DATABASECHANGELOGLOCK"))
          .containsOnly(List.of(false));
    }
  }

  @Test
  void twoProfilesFromTheTemplateAreTwoLaptops() {
    String nodeA;
    String siteA;
    try (LocalStore a =
        LocalStore.open(tmp.resolve("a"), Clock.systemUTC(), IdGenerator.secure())) {
      assertThat(a.createdFromTemplate()).isTrue();
      nodeA = a.hlc().node();
      siteA = a.locations().currentSite().id().toString();
    }
    try (LocalStore b =
        LocalStore.open(tmp.resolve("b"), Clock.systemUTC(), IdGenerator.secure())) {
      assertThat(b.createdFromTemplate()).isTrue();
      assertThat(b.hlc().node()).isNotEqualTo(nodeA);
      assertThat(b.locations().currentSite().id().toString()).isNotEqualTo(siteA);
    }
    try (LocalStore a =
        LocalStore.open(tmp.resolve("a"), Clock.systemUTC(), IdGenerator.secure())) {
      assertThat(a.createdFromTemplate()).isFalse();
      assertThat(a.hlc().node()).isEqualTo(nodeA);
    }
  }

  @Test
  void anExistingFileIsNeverReplaced() throws Exception {
    Path db = tmp.resolve("stockroom.mv.db");
    Files.writeString(db, "someone else's");

    assertThat(ProfileTemplate.copyTo(db)).isFalse();

    assertThat(Files.readString(db)).isEqualTo("someone else's");
    try (var left = Files.list(tmp)) {
      assertThat(left).containsExactly(db);
    }
  }

  @Test
  void withoutATemplateInTheBuildLiquibaseCreatesTheProfile() throws Exception {
    Path db = tmp.resolve("stockroom.mv.db");

    assertThat(ProfileTemplate.copyTo("no/such/template.mv.db", db)).isFalse();

    assertThat(db).doesNotExist();
    try (var left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  private static Connection connect(Path dir) throws SQLException {
    return ProfileFiles.connect(ProfileFiles.urlOf(dir));
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    for (List<Object> row :
        rows(
            c,
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " ORDER BY 1")) {
      names.add((String) row.get(0));
    }
    assertThat(names).contains("ITEMS", "MUTATION_QUEUE");
    return names;
  }

  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
