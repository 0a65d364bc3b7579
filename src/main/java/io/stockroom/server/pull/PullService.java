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
import java.util.UUID;
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

  public PullService(ServerStore store) {
    this.store = store;
    for (EntityType t : EntityType.values()) {
      tables.put(t, EntityTable.of(t));
    }
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
