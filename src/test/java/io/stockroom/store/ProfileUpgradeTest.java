package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles written by other releases: one from the first release (schema tag {@code v1}) opens with
 * this release with its data and queue intact; one of v4 keeps a long queued payload when v5 moves
 * payloads into the row; one from a newer release is refused untouched.
 *
 * <p>An old profile is built by applying the packed changelog only up to its tag, so each test
 * keeps meaning "upgrade from that release" as later releases add change sets after the tag.
 */
class ProfileUpgradeTest {

  private static final UUID ITEM = OldProfiles.V1_ITEM;

  @TempDir Path profile;

  @Test
  void aV1ProfileOpensWithItsDataAndQueue() throws Exception {
    OldProfiles.writeV1(profile);
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
      assertThat(store.hlc().node()).isEqualTo(OldProfiles.V1_NODE);
    }
    // Every change set this release knows is now applied, and a second open skips Liquibase.
    assertThat(applied().ids()).containsAll(SchemaMigrator.changeSetIds(SchemaMigrator.CHANGELOG));
    try (LocalStore store = LocalStore.open(profile, TestClock.at("2026-05-01T08:00:00Z"), ids())) {
      assertThat(store.liquibaseRan()).isFalse();
      assertThat(store.outbox().pendingCount()).isEqualTo(1);
    }
  }

  @Test
  void aV4ProfileKeepsLongQueuedPayloadsWhenTheyMoveIntoTheRow() throws Exception {
    // v5 turns the queue's payload from a CLOB (over 256 characters it lived in H2's
    // large-object store) into a VARCHAR: a v4 profile's queued work must come through whole.
    OldProfiles.write(profile, "v4");
    String longPayload = longPayload();
    UUID second = UUID.fromString("00000000-0000-4000-8000-0000000000a2");
    try (Connection c = connect();
        PreparedStatement queued =
            c.prepareStatement(
                "INSERT INTO mutation_queue (id, idempotency_key, entity_type, action, entity_id,"
                    + " payload, created_at, status) VALUES (?, ?, 'items', 'update', ?, ?,"
                    + " TIMESTAMP WITH TIME ZONE '2026-04-09 10:05:00Z', 'pending')")) {
      queued.setObject(1, second);
      queued.setObject(2, UUID.fromString("00000000-0000-4000-8000-0000000000b2"));
      queued.setObject(3, ITEM);
      queued.setString(4, longPayload);
      queued.executeUpdate();
    }
    assertThat(applied().tags()).containsExactlyInAnyOrder("v1", "v2", "v3", "v4");

    try (LocalStore store = LocalStore.open(profile, TestClock.at("2026-05-01T08:00:00Z"), ids())) {
      assertThat(store.outbox().open())
          .extracting(QueuedMutation::id)
          .containsExactly(OldProfiles.V1_MUTATION, second);
      assertThat(store.outbox().get(second).payload()).isEqualTo(longPayload);
      assertThat(store.outbox().get(OldProfiles.V1_MUTATION).payload()).contains("Hex bolt M8");
    }
    assertThat(applied().tags()).contains("v5");
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet type =
            st.executeQuery(
                "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME ="
                    + " 'MUTATION_QUEUE' AND COLUMN_NAME = 'PAYLOAD'")) {
      assertThat(type.next()).isTrue();
      assertThat(type.getString(1)).isEqualTo("CHARACTER VARYING");
    }
  }

  /** An item update with a description of 6,000 characters, as a v4 release queued it. */
  private static String longPayload() {
    return "{\"data\":{\"description\":\""
        + "Stainless, A2-70, DIN 933. ".repeat(222)
        + "\"},\"field_clock\":{\"description\":\"0000019a1c2b3d4e-0000-node0000v1ab\"},"
        + "\"client_version\":2,\"client_updated_at\":\"2026-04-09T10:05:00Z\"}";
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
    return OldProfiles.connect(profile);
  }

  private static IdGenerator ids() {
    return IdGenerator.seeded(11);
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
