package io.stockroom.server.pull;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import io.stockroom.protocol.PullResponse;
import io.stockroom.server.auth.Principal;
import io.stockroom.server.store.ServerStore;
import io.stockroom.server.wire.ApiError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * Serves pull pages (PROTOCOL.md, Pull; decision record 0010). The cursor is the decimal text of
 * the last version the client holds for that entity. Because writers take versions in commit order,
 * reading the committed counter {@code c} first and the rows second means every version up to
 * {@code c} is visible to the row query. The page takes rows with {@code since < version <= c}; one
 * that reaches the end moves the cursor to {@code c}, so no change that commits late is skipped.
 */
public final class PullService {

  public static final int DEFAULT_LIMIT = 500;
  public static final int MAX_LIMIT = 1000;

  private final ServerStore store;
  private final Map<EntityType, EntityTable<?>> tables = new EnumMap<>(EntityType.class);

  /**
   * Where each device's last complete pull left each entity, by token key: what a live poke to that
   * device starts from (decision record 0049). In memory: after a restart a device's next pull
   * tells it again, and a poke meanwhile carries no rows.
   */
  private final Map<String, Served> served = new ConcurrentHashMap<>();

  /** Entries not touched for a day go, checked every so many marks. */
  private static final long IDLE_NANOS = 24L * 3600 * 1_000_000_000L;

  private final java.util.concurrent.atomic.AtomicInteger marks =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Where one device stands, whose it is, and when it was last told. */
  private static final class Served {
    final UUID user;
    final Map<EntityType, Long> cursors =
        java.util.Collections.synchronizedMap(new EnumMap<>(EntityType.class));
    volatile long touched = System.nanoTime();

    Served(UUID user) {
      this.user = user;
    }
  }

  public PullService(ServerStore store) {
    this.store = store;
    for (EntityType t : EntityType.values()) {
      tables.put(t, EntityTable.of(t));
    }
  }

  /**
   * {@link #pull(Principal, EntityType, String, int)} for the device signed in with the token
   * stored under {@code tokenKey}; a page that reaches the end is remembered as where the device
   * now stands.
   */
  public PullResponse pull(
      Principal user, String tokenKey, EntityType entity, String cursor, int limit) {
    PullResponse page = pull(user, entity, cursor, limit);
    if (tokenKey != null && !page.hasMore()) {
      markServed(tokenKey, user.userId(), entity, Long.parseLong(page.cursor()));
    }
    return page;
  }

  /** The cursor this device's last complete pull (or poke) of {@code entity} left it at. */
  public OptionalLong served(String tokenKey, EntityType entity) {
    Served device = served.get(tokenKey);
    Long c = device == null ? null : device.cursors.get(entity);
    return c == null ? OptionalLong.empty() : OptionalLong.of(c);
  }

  /** Remembers that the device, signed in as {@code user}, now stands at {@code cursor}. */
  public void markServed(String tokenKey, UUID user, EntityType entity, long cursor) {
    Served device = served.computeIfAbsent(tokenKey, k -> new Served(user));
    device.cursors.put(entity, cursor);
    device.touched = System.nanoTime();
    if (marks.incrementAndGet() % 4096 == 0) {
      long now = System.nanoTime();
      served.values().removeIf(d -> now - d.touched > IDLE_NANOS);
    }
  }

  /** Forgets a device (it signed out). */
  public void forget(String tokenKey) {
    served.remove(tokenKey);
  }

  /** Forgets every device of a user (their sign-ins were revoked, or their sites changed). */
  public void forgetUser(UUID user) {
    served.values().removeIf(d -> d.user.equals(user));
  }

  /** One row a poke may carry: a record, or the id of a deleted one, with the row's site. */
  public record Row(ServerRecord record, UUID deleted, UUID site) {}

  /**
   * The rows a pull of {@code entity} from {@code since} would return once {@code upTo} is
   * committed, for every site (the caller keeps what each device may see), in version order; empty
   * when there are more than {@code max}, or when {@code since} is older than the tombstone horizon
   * (that device must pull).
   */
  public Optional<List<Row>> rowsAfter(EntityType entity, long since, long upTo, int max) {
    if (since < store.syncState().tombstoneHorizon()) {
      return Optional.empty();
    }
    return rowsAfter(tables.get(entity), since, upTo, max);
  }

  private <R extends TableRecord<R>> Optional<List<Row>> rowsAfter(
      EntityTable<R> t, long since, long upTo, int max) {
    Result<R> rows =
        store.read(
            dsl ->
                dsl.selectFrom(t.table())
                    .where(t.version().gt(since).and(t.version().le(upTo)))
                    .orderBy(t.version())
                    .limit(max + 1)
                    .fetch());
    if (rows.size() > max) {
      return Optional.empty();
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (R r : rows) {
      UUID site = t.site() == null ? null : r.get(t.site());
      out.add(
          Boolean.TRUE.equals(r.get(t.deleted()))
              ? new Row(null, r.get(t.id()), site)
              : new Row(t.record().apply(r), null, site));
    }
    return Optional.of(out);
  }

  public PullResponse pull(Principal user, EntityType entity, String cursor, int limit) {
    if (limit < 1) {
      throw ApiError.badRequest("limit must be at least 1");
    }
    int pageSize = Math.min(limit, MAX_LIMIT);
    boolean first = cursor == null || cursor.isEmpty();
    long since = first ? 0 : parseCursor(cursor);
    ServerStore.SyncState state = store.syncState();
    if (!first && (since < state.tombstoneHorizon() || since > state.lastVersion())) {
      throw new ApiError(
          410,
          "cursor_expired",
          "the cursor is older than the tombstone horizon (or from another server): pull "
              + entity.wireName()
              + " again from the start");
    }
    return page(user, tables.get(entity), first, since, pageSize, state.lastVersion());
  }

  private <R extends TableRecord<R>> PullResponse page(
      Principal user, EntityTable<R> t, boolean first, long since, int pageSize, long committed) {
    // Bounded by the counter read before: a row a writer changes while this query runs is left
    // for the next page instead of being seen at a version past rows not yet returned.
    Condition where = t.version().gt(since).and(t.version().le(committed));
    if (first) {
      where = where.and(t.deleted().isFalse());
    }
    if (t.site() != null && !user.isAdmin()) {
      where =
          user.siteIds().isEmpty()
              ? where.and(DSL.falseCondition())
              : where.and(t.site().in(user.siteIds()));
    }
    Condition condition = where;
    Result<R> rows =
        store.read(
            dsl ->
                dsl.selectFrom(t.table())
                    .where(condition)
                    .orderBy(t.version())
                    .limit(pageSize + 1)
                    .fetch());
    boolean hasMore = rows.size() > pageSize;
    int n = Math.min(rows.size(), pageSize);
    List<ServerRecord> records = new ArrayList<>(n);
    List<UUID> deletions = new ArrayList<>();
    long last = since;
    for (int i = 0; i < n; i++) {
      R r = rows.get(i);
      if (Boolean.TRUE.equals(r.get(t.deleted()))) {
        deletions.add(r.get(t.id()));
      } else {
        records.add(t.record().apply(r));
      }
      last = r.get(t.version());
    }
    long next = hasMore ? last : committed;
    return new PullResponse(records, deletions, Long.toString(next), hasMore);
  }

  private static long parseCursor(String cursor) {
    if (cursor.length() > 19) {
      throw ApiError.badRequest("the cursor is not one this server issued");
    }
    for (int i = 0; i < cursor.length(); i++) {
      if (cursor.charAt(i) < '0' || cursor.charAt(i) > '9') {
        throw ApiError.badRequest("the cursor is not one this server issued");
      }
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("the cursor is not one this server issued");
    }
  }
}
