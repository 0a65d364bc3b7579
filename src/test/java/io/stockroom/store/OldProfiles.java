package io.stockroom.store;

import io.stockroom.domain.Hlc;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Profiles as earlier releases wrote them, for upgrade tests: the packed changelog applied only up
 * to an old tag, then rows written with plain SQL in that release's shape.
 */
public final class OldProfiles {

  /** The item the first-release profile holds, queued for creation. */
  public static final UUID V1_ITEM = UUID.fromString("00000000-0000-4000-8000-000000000001");

  /** Its queued create. */
  public static final UUID V1_MUTATION = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

  /** The idempotency key of that create. */
  public static final UUID V1_KEY = UUID.fromString("00000000-0000-4000-8000-0000000000b1");

  /** The HLC node id the first release had stored. */
  public static final String V1_NODE = "node0000v1ab";

  private OldProfiles() {}

  public static Connection connect(Path profile) throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + profile.resolve("stockroom"), "sa", "");
  }

  /**
   * Writes a profile of the first release (schema tag {@code v1}) in {@code profile}: one item
   * created offline, its search words, its queued create (still pending, never sent) and the clock
   * state.
   */
  public static void writeV1(Path profile) throws Exception {
    write(profile, "v1");
  }

  /**
   * The same work, in a profile whose schema stops at {@code tag} (a release after the first whose
   * change sets only added tables, so the first release's rows are still valid there).
   */
  public static void write(Path profile, String tag) throws Exception {
    try (Connection c = connect(profile)) {
      updateToTag(c, tag);
      writeV1Data(c);
    }
  }

  /**
   * For the installer smoke test (jpackage/smoke.sh), which upgrades such a profile with the
   * installed launcher: {@code OldProfiles DIR [TAG]} (TAG defaults to v2, the previous release).
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: OldProfiles DIR [TAG]");
      System.exit(2);
    }
    write(Path.of(args[0]), args.length == 2 ? args[1] : "v2");
    System.out.println("profile of schema " + (args.length == 2 ? args[1] : "v2") + " written");
  }

  @SuppressWarnings("deprecation") // Liquibase.update(tag, ...) stays in the 4.x line we pin
  static void updateToTag(Connection c, String tag) throws Exception {
    Database database =
        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
    Liquibase liquibase =
        new Liquibase(SchemaMigrator.CHANGELOG, new ClassLoaderResourceAccessor(), database);
    liquibase.update(tag, new Contexts(), new LabelExpression());
    c.setAutoCommit(true);
  }

  private static void writeV1Data(Connection c) throws SQLException {
    OffsetDateTime at = OffsetDateTime.parse("2026-04-09T10:00:00Z");
    String stamp = new Hlc(at.toInstant().toEpochMilli(), 0, V1_NODE).toString();
    try (PreparedStatement item =
        c.prepareStatement(
            "INSERT INTO items (id, created_at, updated_at, sync_status, field_clock, sku,"
                + " barcode, name, unit, reorder_point) VALUES (?, ?, ?, 'pending', ?,"
                + " 'BOLT-M8', '4006381333931', 'Hex bolt M8', 'ea', 0)")) {
      item.setObject(1, V1_ITEM);
      item.setObject(2, at);
      item.setObject(3, at);
      item.setString(4, "{\"sku\":\"" + stamp + "\",\"name\":\"" + stamp + "\"}");
      item.executeUpdate();
    }
    try (PreparedStatement words =
        c.prepareStatement("INSERT INTO item_words (word, item_id) VALUES (?, ?)")) {
      for (String w : List.of("bolt", "m8")) {
        words.setString(1, w);
        words.setObject(2, V1_ITEM);
        words.addBatch();
      }
      words.executeBatch();
    }
    try (PreparedStatement queued =
        c.prepareStatement(
            "INSERT INTO mutation_queue (id, idempotency_key, entity_type, action, entity_id,"
                + " payload, created_at, status) VALUES (?, ?, 'items', 'create', ?, ?, ?,"
                + " 'pending')")) {
      queued.setObject(1, V1_MUTATION);
      queued.setObject(2, V1_KEY);
      queued.setObject(3, V1_ITEM);
      queued.setString(
          4,
          "{\"data\":{\"sku\":\"BOLT-M8\",\"barcode\":\"4006381333931\",\"name\":\"Hex bolt"
              + " M8\",\"unit\":\"ea\",\"reorder_point\":0},\"field_clock\":{\"sku\":\""
              + stamp
              + "\",\"name\":\""
              + stamp
              + "\"},\"client_version\":1,\"client_updated_at\":\"2026-04-09T10:00:00Z\"}");
      queued.setObject(5, at);
      queued.executeUpdate();
    }
    try (PreparedStatement setting =
        c.prepareStatement("INSERT INTO local_settings (name, \"VALUE\") VALUES (?, ?)")) {
      setting.setString(1, Settings.NODE_ID);
      setting.setString(2, V1_NODE);
      setting.executeUpdate();
    }
  }
}
