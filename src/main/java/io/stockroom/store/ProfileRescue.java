package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What to do with a damaged profile (issue 15): {@link #rescue} moves its database aside into a
 * dated folder and exports every change not yet synced to a file, as far as the file can still be
 * read; the next start makes a fresh profile that the first sync fills from the server; {@link
 * #replay} then queues the exported changes again, with their idempotency keys, so a change the
 * server already had is not applied twice.
 */
public final class ProfileRescue {

  /** The exported changes: one JSON object per line, the queue row's columns. */
  public static final String EXPORT = "unsynced-changes.jsonl";

  /**
   * A column of rows held back from a lost site ({@link SiteLoss}): the site the change belongs to.
   * Such a row is queued again only once that site is here again, and never moved to another.
   */
  public static final String KEEP_SITE = "keep_site";

  /** Conflicts still open in the damaged profile, kept for the user to read (not replayed). */
  public static final String OPEN_CONFLICTS = "open-conflicts.jsonl";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = Payloads.JSON;

  private ProfileRescue() {}

  /**
   * What {@link #rescue} did.
   *
   * @param folder where the damaged files went
   * @param exported the file of unsynced changes, or null when the queue could not be read
   * @param changes how many changes it holds
   * @param readError why the queue could not be read, or null
   */
  public record Outcome(Path folder, Path exported, int changes, String readError) {}

  /**
   * Moves the profile's database files into {@code <profile>/damaged-<time>/} and exports what its
   * queue still holds unsynced.
   *
   * @throws StoreException when there is no database to rescue or it cannot be moved
   */
  public static Outcome rescue(Path profileDir, Clock clock) {
    Path dir = profileDir.toAbsolutePath().normalize();
    Path db = dir.resolve("stockroom.mv.db");
    if (!Files.exists(db)) {
      throw new StoreException("there is no local database in " + dir + " to rescue");
    }
    refuseIfOpen(dir, db);
    Path folder = dir.resolve("damaged-" + STAMP.format(clock.instant()));
    try {
      Files.createDirectories(folder);
      try (Stream<Path> files = Files.list(dir)) {
        for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
          Path f = it.next();
          if (f.getFileName().toString().startsWith("stockroom.")) {
            Files.move(f, folder.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot move the damaged database aside: " + e.getMessage(), e);
    }
    Path export = folder.resolve(EXPORT);
    try {
      int n = exportQueue(folder.resolve("stockroom"), export);
      return new Outcome(folder, export, n, null);
    } catch (SQLException | IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().get();
      return new Outcome(folder, null, 0, why);
    }
  }

  /** A profile open in Stockroom holds a lock on its file; moving it then would lose writes. */
  private static void refuseIfOpen(Path dir, Path db) {
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            db, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock lock = ch.tryLock();
      if (lock == null) {
        throw new ProfileLockedException(dir, null);
      }
      lock.release();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      throw new ProfileLockedException(dir, e);
    } catch (IOException e) {
      throw new StoreException("cannot check whether " + db + " is in use: " + e.getMessage(), e);
    }
  }

  private static int exportQueue(Path database, Path export) throws SQLException, IOException {
    try (Connection c = ProfileFiles.connect("jdbc:h2:file:" + database + ";ACCESS_MODE_DATA=r");
        PreparedStatement queue =
            c.prepareStatement(
                "select * from mutation_queue where status <> 'completed' order by seq");
        PreparedStatement conflicts =
            c.prepareStatement("select * from sync_conflicts where status = 'open'")) {
      int n = writeRows(queue, export);
      // Open conflicts hold the user's side of a change the server answered; they are not
      // replayed (the server has the change), but kept beside the export for the user to read.
      writeRows(conflicts, export.resolveSibling(OPEN_CONFLICTS));
      return n;
    }
  }

  /** Each row of the query as one JSON object per line; returns how many. */
  private static int writeRows(PreparedStatement query, Path file)
      throws SQLException, IOException {
    try (ResultSet rs = query.executeQuery();
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      ResultSetMetaData meta = rs.getMetaData();
      int n = 0;
      while (rs.next()) {
        ObjectNode row = JSON.createObjectNode();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
        }
        out.write(JSON.writeValueAsString(row));
        out.newLine();
        n++;
      }
      return n;
    }
  }

  /**
   * A payload whose {@code site_id} this profile does not know (the damaged profile's own local
   * site, never attached to a server site) names this profile's current site instead, as the first
   * sign-in would have done.
   */
  private static String onKnownSite(org.jooq.DSLContext t, String payload, java.util.UUID site) {
    try {
      com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(payload);
      com.fasterxml.jackson.databind.JsonNode data = root.path("data");
      if (data.path("site_id").isTextual()) {
        java.util.UUID named = java.util.UUID.fromString(data.get("site_id").asText());
        if (!t.fetchExists(
            io.stockroom.store.jooq.Tables.SITES,
            io.stockroom.store.jooq.Tables.SITES.ID.eq(named))) {
          ((ObjectNode) data).put("site_id", site.toString());
          return JSON.writeValueAsString(root);
        }
      }
      return payload;
    } catch (IOException | IllegalArgumentException e) {
      return payload;
    }
  }

  /**
   * What {@link #replay} did.
   *
   * @param queued changes queued again
   * @param waiting changes of a site not held here (yet): left in the file for a later replay
   */
  public record Replayed(int queued, int waiting) {}

  /**
   * Queues the changes of an export again in {@code store}, in their order, as pending, with their
   * idempotency keys; a change already queued here (same key) is skipped. A change held back from a
   * lost site waits, left in the file, until that site is here again; the file is rewritten with
   * just the waiting ones, or deleted when none wait.
   */
  public static Replayed replay(LocalStore store, Path export) {
    List<ObjectNode> rows = new ArrayList<>();
    try {
      if (Files.size(export) > MAX_EXPORT_BYTES) {
        throw new StoreException(
            export
                + " is larger than an export of changes can be ("
                + MAX_EXPORT_BYTES
                + " bytes)");
      }
      int number = 0;
      for (String line : Files.readAllLines(export, StandardCharsets.UTF_8)) {
        number++;
        if (!line.isBlank()) {
          rows.add(exportedRow(line, export, number));
        }
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot read the exported changes in " + export + ": not a text file of changes", e);
    }
    List<ObjectNode> waiting = new ArrayList<>();
    if (rows.stream()
        .allMatch(
            r ->
                r.hasNonNull(KEEP_SITE)
                    && !siteHere(store.tx().read(), r.get(KEEP_SITE).asText()))) {
      return new Replayed(0, rows.size()); // nothing to queue yet: no write
    }
    int queued;
    try {
      queued =
          store
              .tx()
              .write(
                  t -> {
                    int n = 0;
                    java.util.UUID site = LocationRepository.currentSite(t).id();
                    for (ObjectNode r : rows) {
                      if (r.hasNonNull(KEEP_SITE) && !siteHere(t, r.get(KEEP_SITE).asText())) {
                        waiting.add(r);
                        continue;
                      }
                      if (queue(t, store, r, site)) {
                        n++;
                      }
                    }
                    return n;
                  });
    } catch (org.jooq.exception.DataAccessException e) {
      throw new StoreException(
          "the exported changes in " + export + " do not fit this profile's queue; none was queued",
          e);
    }
    if (waiting.size() < rows.size() && rows.stream().anyMatch(r -> r.has(KEEP_SITE))) {
      // After the commit: a crash before this leaves rows in the file that are queued already,
      // and their keys make a second replay skip them.
      rewrite(export, waiting);
    }
    return new Replayed(queued, waiting.size());
  }

  /** The most an export may hold: a queue of 100,000 changes of a few kilobytes each. */
  static final long MAX_EXPORT_BYTES = 512L * 1024 * 1024;

  /**
   * One line of an export, checked to be a queued change before anything is queued: a file that is
   * not an export, or was cut or edited, is refused with the line that is wrong.
   */
  private static ObjectNode exportedRow(String line, Path export, int number) {
    String where = "line " + number + " of " + export;
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new StoreException(where + " is not JSON: this is not an export of changes", e);
    }
    if (!(node instanceof ObjectNode row)) {
      throw new StoreException(where + " is not a queued change");
    }
    try {
      for (String id : List.of("id", "idempotency_key", "entity_id")) {
        java.util.UUID.fromString(row.path(id).asText(""));
      }
      if (row.hasNonNull(KEEP_SITE)) {
        java.util.UUID.fromString(row.get(KEEP_SITE).asText());
      }
    } catch (IllegalArgumentException e) {
      throw new StoreException(where + " has no valid ids: it is not a queued change");
    }
    if (io.stockroom.domain.EntityType.fromWireName(row.path("entity_type").asText("")).isEmpty()) {
      throw new StoreException(where + " names no kind of record Stockroom knows");
    }
    String action = row.path("action").asText("");
    if (!List.of("create", "update", "delete").contains(action)) {
      throw new StoreException(where + " names no action Stockroom knows");
    }
    if (row.hasNonNull("base_version")
        && !row.get("base_version").asText().matches("[0-9]{1,18}")) {
      throw new StoreException(where + " has a base version that is not a number");
    }
    try {
      if (!(JSON.readTree(row.path("payload").asText("")) instanceof ObjectNode)) {
        throw new StoreException(where + " holds no change (its payload is not a JSON object)");
      }
    } catch (IOException e) {
      throw new StoreException(where + " holds no change (its payload is not JSON)", e);
    }
    return row;
  }

  private static boolean siteHere(org.jooq.DSLContext t, String site) {
    return t.fetchExists(
        io.stockroom.store.jooq.Tables.SITES,
        io.stockroom.store.jooq.Tables.SITES.ID.eq(java.util.UUID.fromString(site)));
  }

  /** Queues one exported row; false when a change with its key is queued here already. */
  private static boolean queue(
      org.jooq.DSLContext t, LocalStore store, ObjectNode r, java.util.UUID site) {
    java.util.UUID key = java.util.UUID.fromString(r.get("idempotency_key").asText());
    if (t.fetchExists(MUTATION_QUEUE, MUTATION_QUEUE.IDEMPOTENCY_KEY.eq(key))) {
      return false;
    }
    String payload = r.get("payload").asText();
    t.insertInto(MUTATION_QUEUE)
        .set(MUTATION_QUEUE.ID, java.util.UUID.fromString(r.get("id").asText()))
        .set(MUTATION_QUEUE.IDEMPOTENCY_KEY, key)
        .set(MUTATION_QUEUE.ENTITY_TYPE, r.get("entity_type").asText())
        .set(MUTATION_QUEUE.ACTION, r.get("action").asText())
        .set(MUTATION_QUEUE.ENTITY_ID, java.util.UUID.fromString(r.get("entity_id").asText()))
        .set(MUTATION_QUEUE.PAYLOAD, r.has(KEEP_SITE) ? payload : onKnownSite(t, payload, site))
        .set(
            MUTATION_QUEUE.BASE_VERSION,
            r.hasNonNull("base_version") ? r.get("base_version").asLong() : null)
        .set(MUTATION_QUEUE.CREATED_AT, store.now())
        // It may have reached the server before the export: never merge into it.
        .set(MUTATION_QUEUE.LAST_ATTEMPT_AT, store.now())
        .set(MUTATION_QUEUE.STATUS, "pending")
        .execute();
    return true;
  }

  /** Leaves just {@code rows} in the file (deleted when none). */
  private static void rewrite(Path export, List<ObjectNode> rows) {
    try {
      if (rows.isEmpty()) {
        Files.deleteIfExists(export);
        return;
      }
      StringBuilder lines = new StringBuilder();
      for (ObjectNode r : rows) {
        lines.append(JSON.writeValueAsString(r)).append('\n');
      }
      Path next = export.resolveSibling(export.getFileName() + ".next");
      Files.writeString(next, lines, StandardCharsets.UTF_8);
      Files.move(next, export, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
