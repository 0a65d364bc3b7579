package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;
import static io.stockroom.store.jooq.Tables.SITES;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;
import static io.stockroom.store.jooq.Tables.SYNC_CONFLICTS;
import static io.stockroom.store.jooq.Tables.SYNC_DEFERRED;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MutationStatus;
import io.stockroom.store.jooq.tables.records.MutationQueueRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * A laptop's answer to losing a site (issue 15): when the server no longer serves a site this
 * profile holds (the user was taken off it, or the device's sign-in was revoked), the site's rows
 * leave the laptop. Its unsynced changes are not thrown away with them: they are written first to a
 * file under {@code <profile>/held/}, with their idempotency keys, and a sign-in that gives the
 * site back queues them again ({@link ProfileRescue#replay}), so nothing lands twice on the server.
 * Items and notes belong to no site and stay, with their queued changes.
 *
 * <p>The export, the deletes and the choice of another current site happen under the store's write
 * lock, so no change the user makes meanwhile can slip between the file and the deletes.
 */
public final class SiteLoss {

  /** The entities whose rows belong to one site, which the server serves per site. */
  public static final List<EntityType> SITE_SCOPED =
      List.of(
          EntityType.LOCATIONS,
          EntityType.STOCK_MOVEMENTS,
          EntityType.STOCK_LEVELS,
          EntityType.STOCK_COUNTS);

  /** The folder, inside the profile, of changes held back from a lost site. */
  public static final String HELD = "held";

  /** The ending of a held file of changes (open conflicts are kept beside, not replayed). */
  static final String CHANGES = ".jsonl";

  /** A column of held rows: the server and user they were made for. */
  static final String HELD_FOR = "held_for";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = Payloads.JSON;

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;
  private final Path profileDir;
  private final Function<Path, ProfileRescue.Replayed> replay;

  SiteLoss(
      Tx tx,
      IdGenerator ids,
      Stamps stamps,
      Path profileDir,
      Function<Path, ProfileRescue.Replayed> replay) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.profileDir = profileDir;
    this.replay = replay;
  }

  /**
   * What {@link #requeueHeld} did.
   *
   * @param queued changes queued again
   * @param setAside held files that could not be read, moved to {@code held/unreadable/}
   */
  public record Requeued(int queued, List<Path> setAside) {}

  /**
   * Queues again the held-back changes of every site that is here again (a sign-in after a
   * revocation, a site given back), when this profile signs in to the server and as the user they
   * were held for; the others keep waiting in their files. A file that cannot be read (cut short,
   * edited) is set aside instead of stopping every sync.
   */
  public Requeued requeueHeld() {
    Path dir = profileDir.resolve(HELD);
    if (!Files.isDirectory(dir)) {
      return new Requeued(0, List.of());
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(f -> f.getFileName().toString().endsWith(CHANGES))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new StoreException("cannot read the held-back changes in " + dir, e);
    }
    String account = account(tx.read());
    int queued = 0;
    List<Path> setAside = new ArrayList<>();
    for (Path f : files) {
      try {
        if (account.equals(heldFor(f))) {
          queued += replay.apply(f).queued();
        }
      } catch (StoreException | IOException | UncheckedIOException e) {
        setAside.add(setAside(dir, f));
      }
    }
    return new Requeued(queued, setAside);
  }

  /** The server and user a held file's changes were made for (its first line says). */
  private static String heldFor(Path file) throws IOException {
    try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null) {
        return "";
      }
      return JSON.readTree(first).path(HELD_FOR).asText("");
    }
  }

  private static Path setAside(Path dir, Path file) {
    try {
      Path aside = Files.createDirectories(dir.resolve("unreadable"));
      return Files.move(file, aside.resolve(file.getFileName()));
    } catch (IOException e) {
      throw new StoreException("cannot set aside the unreadable held file " + file, e);
    }
  }

  /** The server and user this profile signs in as: whom held changes may go out for. */
  private static String account(DSLContext t) {
    return Settings.get(t, Settings.SERVER_URL).orElse("")
        + " "
        + Settings.get(t, Settings.USER).orElse("");
  }

  /**
   * A site that left this laptop.
   *
   * @param code the site's code, as the user knows it
   * @param changes how many unsynced changes were held back
   * @param file where they are, or null when there were none
   * @param wasCurrent whether the laptop worked in it (it now works in a local site of its own)
   */
  public record Dropped(String code, int changes, Path file, boolean wasCurrent) {}

  /** The sites this profile holds from the server (not its own unattached local site). */
  public Set<UUID> serverSites() {
    return new HashSet<>(
        tx.read().select(SITES.ID).from(SITES).where(SITES.SERVER_ID.isNotNull()).fetch(SITES.ID));
  }

  /**
   * Drops every server site of this profile that is not in {@code served}, each with its unsynced
   * changes held back first. An empty {@code served} drops them all (a revoked sign-in).
   */
  public List<Dropped> dropAllBut(Set<UUID> served) {
    List<Dropped> dropped = new ArrayList<>();
    for (UUID site : serverSites()) {
      if (!served.contains(site)) {
        dropped.add(drop(site));
      }
    }
    return dropped;
  }

  private Dropped drop(UUID site) {
    return tx.write(
        t -> {
          String code =
              t.select(SITES.CODE).from(SITES).where(SITES.ID.eq(site)).fetchOne(SITES.CODE);
          // A change belongs to the site by its local row, or, when that row is gone (a change
          // queued again after an earlier loss, a replayed update), by the site its payload names.
          List<MutationQueueRecord> held =
              t.selectFrom(MUTATION_QUEUE)
                  .where(MUTATION_QUEUE.STATUS.ne(MutationStatus.COMPLETED.dbValue()))
                  .and(
                      MUTATION_QUEUE.ENTITY_TYPE.in(
                          SITE_SCOPED.stream().map(EntityType::wireName).toList()))
                  .and(
                      MUTATION_QUEUE
                          .ENTITY_ID
                          .in(siteRows(t, site))
                          .or(MUTATION_QUEUE.PAYLOAD.contains(site.toString())))
                  .orderBy(MUTATION_QUEUE.SEQ)
                  .fetch();
          List<UUID> keys = held.stream().map(MutationQueueRecord::getId).toList();
          var conflicts =
              t.selectFrom(SYNC_CONFLICTS)
                  .where(SYNC_CONFLICTS.ENTITY_ID.in(siteRows(t, site)))
                  .or(SYNC_CONFLICTS.MUTATION_ID.in(keys))
                  .fetch();
          String account = account(t);
          Path file = held.isEmpty() ? null : write(site, code, account, held, CHANGES);
          List<io.stockroom.store.jooq.tables.records.SyncConflictsRecord> open =
              conflicts.stream().filter(c -> "open".equals(c.getStatus())).toList();
          if (!open.isEmpty()) {
            // Kept for the user to read, as a rescue keeps them; the server holds these counts
            // in conflict, to be settled once the site is back.
            write(site, code, account, open, "-open-conflicts.json");
          }
          t.deleteFrom(SYNC_CONFLICTS)
              .where(SYNC_CONFLICTS.ID.in(conflicts.stream().map(c -> c.getId()).toList()))
              .execute();
          t.deleteFrom(SYNC_DEFERRED)
              .where(SYNC_DEFERRED.ENTITY_ID.in(siteRows(t, site)))
              .execute();
          t.deleteFrom(MUTATION_QUEUE).where(MUTATION_QUEUE.ID.in(keys)).execute();
          t.deleteFrom(STOCK_LEVELS).where(STOCK_LEVELS.SITE_ID.eq(site)).execute();
          t.deleteFrom(STOCK_COUNTS).where(STOCK_COUNTS.SITE_ID.eq(site)).execute();
          t.deleteFrom(STOCK_MOVEMENTS).where(STOCK_MOVEMENTS.SITE_ID.eq(site)).execute();
          t.deleteFrom(LOCATIONS).where(LOCATIONS.SITE_ID.eq(site)).execute();
          boolean wasCurrent =
              Settings.get(t, Settings.CURRENT_SITE).map(site.toString()::equals).orElse(false);
          t.deleteFrom(SITES).where(SITES.ID.eq(site)).execute();
          if (wasCurrent) {
            workLocally(t);
          }
          // The site's rows are gone but the cursors are past them: should the site come back
          // (a sign-in after a revocation attaches it before any pull), only a pull from scratch
          // brings them again. It starts with the next cycle, and a crash cannot split it from
          // the deletes.
          for (EntityType type : SITE_SCOPED) {
            PullCursors.beginRepull(t, type);
          }
          return new Dropped(code, held.size(), file, wasCurrent);
        });
  }

  /** The ids of every local row that belongs to {@code site}, as one sub-select. */
  private static org.jooq.Select<org.jooq.Record1<UUID>> siteRows(DSLContext t, UUID site) {
    return t.select(LOCATIONS.ID)
        .from(LOCATIONS)
        .where(LOCATIONS.SITE_ID.eq(site))
        .unionAll(
            t.select(STOCK_MOVEMENTS.ID)
                .from(STOCK_MOVEMENTS)
                .where(STOCK_MOVEMENTS.SITE_ID.eq(site)))
        .unionAll(t.select(STOCK_COUNTS.ID).from(STOCK_COUNTS).where(STOCK_COUNTS.SITE_ID.eq(site)))
        .unionAll(
            t.select(STOCK_LEVELS.ID).from(STOCK_LEVELS).where(STOCK_LEVELS.SITE_ID.eq(site)));
  }

  /**
   * The current site went. Work goes on in a local site of the laptop's own, never silently in
   * another of the user's sites: a bin code typed next would find that site's bin of the same code.
   * Its changes wait (they name no server site) until a sign-in attaches it to the site the user
   * chooses, as on a new profile.
   */
  private void workLocally(DSLContext t) {
    UUID local =
        t.select(SITES.ID)
            .from(SITES)
            .where(SITES.SERVER_ID.isNull())
            .and(SITES.CODE.eq(LocationRepository.LOCAL_SITE_CODE))
            .limit(1)
            .fetchOne(SITES.ID);
    if (local != null) {
      Settings.put(t, Settings.CURRENT_SITE, local.toString());
    } else {
      LocationRepository.createLocalSite(t, ids.next(), stamps.now());
    }
  }

  /**
   * Writes held rows in {@link ProfileRescue}'s export format, marked with their site and account,
   * to a temporary file forced to the device and then renamed into place: a file of that name is
   * always whole.
   */
  private Path write(
      UUID site,
      String code,
      String account,
      List<? extends org.jooq.TableRecord<?>> rows,
      String suffix) {
    StringBuilder lines = new StringBuilder();
    for (org.jooq.TableRecord<?> r : rows) {
      ObjectNode row = JSON.createObjectNode();
      for (Map.Entry<String, Object> e : r.intoMap().entrySet()) {
        Object v = e.getValue();
        row.put(e.getKey().toLowerCase(Locale.ROOT), v == null ? null : v.toString());
      }
      row.put(ProfileRescue.KEEP_SITE, site.toString());
      row.put(HELD_FOR, account);
      try {
        lines.append(JSON.writeValueAsString(row)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String safeCode = code == null ? "site" : code.replaceAll("[^A-Za-z0-9_-]", "_");
    Path dir = profileDir.resolve(HELD);
    String name = STAMP.format(stamps.now()) + "-" + safeCode + suffix;
    Path file = dir.resolve(name);
    Path partial = dir.resolve(name + ".partial");
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
          FileChannel.open(
              partial,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true); // the file's name, too, survives a power cut
      } catch (IOException e) {
        // Not every platform opens a folder; the file itself is on the device.
      }
    } catch (IOException e) {
      throw new StoreException(
          "cannot hold back the unsynced changes of site " + code + " in " + dir, e);
    }
    return file;
  }
}
