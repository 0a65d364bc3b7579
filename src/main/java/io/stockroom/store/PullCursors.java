package io.stockroom.store;

import static io.stockroom.store.MutationQueue.openEntities;
import static io.stockroom.store.SyncedRows.markDeleted;
import static io.stockroom.store.SyncedRows.table;
import static io.stockroom.store.jooq.Tables.LOCAL_SETTINGS;
import static io.stockroom.store.jooq.Tables.SYNC_STATE;

import io.stockroom.domain.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Where each entity's pull stands: its cursor, stored with the page it ends, and the durable mark
 * of a re-pull from scratch after {@code 410 cursor_expired}.
 */
final class PullCursors {

  private static final String REPULL = "sync.repull.";

  private final Tx tx;
  private final Stamps stamps;

  PullCursors(Tx tx, Stamps stamps) {
    this.tx = tx;
    this.stamps = stamps;
  }

  /** The stored pull cursor of an entity; empty before its first pull. */
  Optional<String> cursor(EntityType type) {
    return cursor(tx.read(), type);
  }

  /** {@link #cursor(EntityType)} as {@code t} sees it (inside a transaction: as it holds it). */
  static Optional<String> cursor(DSLContext t, EntityType type) {
    return t.select(SYNC_STATE.CURSOR)
        .from(SYNC_STATE)
        .where(SYNC_STATE.ENTITY.eq(type.wireName()))
        .fetchOptional(SYNC_STATE.CURSOR);
  }

  /**
   * Starts (or restarts) pulling an entity from scratch after {@code 410 cursor_expired}: the
   * cursor is forgotten and a durable mark says a re-pull is under way, so a crash in the middle
   * starts it over rather than resuming with half of what {@link #finishRepull} needs. Pending
   * mutations stay.
   */
  void beginRepull(EntityType type) {
    tx.run(t -> beginRepull(t, type));
  }

  static void beginRepull(DSLContext t, EntityType type) {
    t.deleteFrom(SYNC_STATE).where(SYNC_STATE.ENTITY.eq(type.wireName())).execute();
    Settings.put(t, REPULL + type.wireName(), "started");
  }

  /** Whether a re-pull of the entity was started and never finished. */
  boolean repullUnderWay(EntityType type) {
    return Settings.get(tx.read(), REPULL + type.wireName()).isPresent();
  }

  /**
   * Ends a from-scratch re-pull. Tombstones older than the server's horizon are gone, so a record
   * the server deleted meanwhile is simply absent from the re-pull: every synced, live local row
   * the re-pull did not serve is marked deleted, unless an open mutation still holds it (its answer
   * settles it). Rows never synced (local creates) are left alone.
   *
   * @return how many rows were marked deleted
   */
  int finishRepull(EntityType type, Set<UUID> served) {
    return tx.write(
        t -> {
          org.jooq.Table<?> table = table(type);
          org.jooq.Field<UUID> id = table.field("ID", UUID.class);
          List<UUID> candidates =
              t.select(id)
                  .from(table)
                  .where(table.field("IS_DELETED", Boolean.class).isFalse())
                  .and(table.field("SERVER_VERSION", Long.class).isNotNull())
                  .fetch(id);
          List<UUID> gone = new ArrayList<>();
          for (UUID c : candidates) {
            if (!served.contains(c)) {
              gone.add(c);
            }
          }
          Set<UUID> open = openEntities(t, gone);
          Instant now = stamps.now();
          int deleted = 0;
          for (UUID g : gone) {
            if (!open.contains(g)) {
              deleted += markDeleted(t, type, g, now);
            }
          }
          t.deleteFrom(LOCAL_SETTINGS)
              .where(LOCAL_SETTINGS.NAME.eq(REPULL + type.wireName()))
              .execute();
          return deleted;
        });
  }

  /**
   * Whether this profile holds no row at all of an entity (live, deleted or pending): a pull into
   * it can presume every record new (see {@link PulledPages#applyPage(EntityType, List,
   * java.util.Collection, String, boolean)}).
   */
  boolean holdsNone(EntityType type) {
    return !tx.read().fetchExists(table(type));
  }

  static void storeCursor(DSLContext t, EntityType type, String cursor, Instant now) {
    t.mergeInto(SYNC_STATE)
        .using(t.selectOne())
        .on(SYNC_STATE.ENTITY.eq(type.wireName()))
        .whenMatchedThenUpdate()
        .set(SYNC_STATE.CURSOR, cursor)
        .set(SYNC_STATE.LAST_PULLED_AT, now)
        .whenNotMatchedThenInsert(SYNC_STATE.ENTITY, SYNC_STATE.CURSOR, SYNC_STATE.LAST_PULLED_AT)
        .values(type.wireName(), cursor, now)
        .execute();
  }
}
