package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles written by other releases: one from the first release (schema tag {@code v1}) opens with
 * this release with its data and queue intact; one from a newer release is refused untouched.
 *
 * <p>The old profile is built by applying the packed changelog only up to its {@code v1} tag, so
 * the test keeps meaning "upgrade from v1" as later releases add change sets after that tag.
 */
class ProfileUpgradeTest {

  private static final UUID ITEM = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final UUID MUTATION = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

  @TempDir Path profile;

  @Test
  void aV1ProfileOpensWithItsDataAndQueue() throws Exception {
    try (Connection c = connect()) {
      updateToTag(c, "v1");
      writeV1Data(c);
    }
    assertThat(applied().tags()).containsExactly("v1");

    try (LocalStore store = LocalStore.open(profile, TestClock.at("2026-05-01T08:00:00Z"), ids())) {
      assertThat(store.catalog().count("")).isEqualTo(1);
      List<Item> found = store.catalog().search("BOLT", 0, 10);
      assertThat(found).extracting(Item::sku).containsExactly("BOLT-M8");
      assertThat(store.catalog().search("hex", 0, 10)).hasSize(1);
      assertThat(store.outbox().pendingCount()).isEqualTo(1);
      assertThat(store.outbox().open())
          .singleElement()
          .satisfies(m -> assertThat(m.entityId()).isEqualTo(ITEM));
      assertThat(store.hlc().node()).isEqualTo("node0000v1ab");
    }
    // Every change set this release knows is now applied, and a second open skips Liquibase.
    assertThat(applied().ids()).containsAll(SchemaMigrator.changeSetIds(SchemaMigrator.CHANGELOG));
    try (LocalStore store = LocalStore.open(profile, TestClock.at("2026-05-01T08:00:00Z"), ids())) {
      assertThat(store.liquibaseRan()).isFalse();
      assertThat(store.outbox().pendingCount()).isEqualTo(1);
    }
  }

  @Test
  void aProfileFromANewerReleaseIsRefusedAndLeftUntouched() throws Exception {
    LocalStore.open(profile, TestClock.at("2026-05-01T08:00:00Z"), ids()).close();
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED,"
              + " EXECTYPE, TAG) VALUES ('v9-tag', 'stockroom', 'client/v9/099-tag.xml',"
              + " CURRENT_TIMESTAMP, 999, 'EXECUTED', 'v9')");
    }
    Map<String, String> before = fingerprint();

    assertThatThrownBy(() -> LocalStore.open(profile, TestClock.at("2026-05-01T08:00:00Z"), ids()))
        .isInstanceOf(ProfileTooNewException.class)
        .hasMessage(
            "This profile was written by a newer Stockroom (schema v9). Install that version or"
                + " newer.");
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void anUnknownChangeSetWithoutANewTagIsRefusedToo() {
    SchemaMigrator.Applied applied =
        new SchemaMigrator.Applied(Set.of("v1-items", "v2-half-done"), Set.of("v1"));
    assertThatThrownBy(
            () -> SchemaMigrator.refuseNewer(applied, Set.of("v1-items", "v1-tag"), Set.of("v1")))
        .isInstanceOf(ProfileTooNewException.class)
        .hasMessageContaining("(schema newer than v1)");
  }

  @Test
  void tagsCompareByNumber() {
    SchemaMigrator.Applied applied =
        new SchemaMigrator.Applied(Set.of("a", "b", "c"), Set.of("v1", "v9", "v10"));
    assertThatThrownBy(() -> SchemaMigrator.refuseNewer(applied, Set.of("a"), Set.of("v1")))
        .hasMessageContaining("(schema v10)");
    // An older profile (fewer ids, known tags) is not refused.
    SchemaMigrator.refuseNewer(
        new SchemaMigrator.Applied(Set.of("a"), Set.of("v1")),
        Set.of("a", "b"),
        Set.of("v1", "v2"));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + profile.resolve("stockroom"), "sa", "");
  }

  private static IdGenerator ids() {
    return IdGenerator.seeded(11);
  }

  @SuppressWarnings("deprecation") // Liquibase.update(tag, ...) stays in the 4.x line we pin
  private static void updateToTag(Connection c, String tag) throws Exception {
    Database database =
        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
    Liquibase liquibase =
        new Liquibase(SchemaMigrator.CHANGELOG, new ClassLoaderResourceAccessor(), database);
    liquibase.update(tag, new Contexts(), new LabelExpression());
    c.setAutoCommit(true);
  }

  /** What the first release wrote: an item, its search words, its queued create, clock state. */
  private static void writeV1Data(Connection c) throws SQLException {
    OffsetDateTime at = OffsetDateTime.parse("2026-04-09T10:00:00Z");
    try (PreparedStatement item =
        c.prepareStatement(
            "INSERT INTO items (id, created_at, updated_at, sync_status, field_clock, sku,"
                + " barcode, name, unit, reorder_point) VALUES (?, ?, ?, 'pending', '{}',"
                + " 'BOLT-M8', '4006381333931', 'Hex bolt M8', 'ea', 0)")) {
      item.setObject(1, ITEM);
      item.setObject(2, at);
      item.setObject(3, at);
      item.executeUpdate();
    }
    try (PreparedStatement words =
        c.prepareStatement("INSERT INTO item_words (word, item_id) VALUES (?, ?)")) {
      for (String w : List.of("bolt", "m8")) {
        words.setString(1, w);
        words.setObject(2, ITEM);
        words.addBatch();
      }
      words.executeBatch();
    }
    try (PreparedStatement queued =
        c.prepareStatement(
            "INSERT INTO mutation_queue (id, idempotency_key, entity_type, action, entity_id,"
                + " payload, created_at, status) VALUES (?, ?, 'items', 'create', ?, ?, ?,"
                + " 'pending')")) {
      queued.setObject(1, MUTATION);
      queued.setObject(2, UUID.fromString("00000000-0000-4000-8000-0000000000b1"));
      queued.setObject(3, ITEM);
      queued.setString(4, "{\"sku\":\"BOLT-M8\",\"name\":\"Hex bolt M8\"}");
      queued.setObject(5, at);
      queued.executeUpdate();
    }
    try (PreparedStatement setting =
        c.prepareStatement("INSERT INTO local_settings (name, \"VALUE\") VALUES (?, ?)")) {
      setting.setString(1, Settings.NODE_ID);
      setting.setString(2, "node0000v1ab");
      setting.executeUpdate();
    }
  }

  private SchemaMigrator.Applied applied() throws SQLException {
    try (Connection c = connect()) {
      return SchemaMigrator.applied(c);
    }
  }

  /**
   * Name and SHA-256 of the profile's database files (H2's own diagnostic log, {@code *.trace.db},
   * may grow).
   */
  private Map<String, String> fingerprint() throws IOException, NoSuchAlgorithmException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.list(profile)) {
      for (Path p : all.filter(f -> !f.toString().endsWith(".trace.db")).toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        files.put(p.getFileName().toString(), HexFormat.of().formatHex(digest));
      }
    }
    return files;
  }
}
