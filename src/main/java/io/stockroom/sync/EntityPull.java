package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import io.stockroom.protocol.LiveMessage;
import io.stockroom.protocol.PullResponse;
import io.stockroom.store.SyncStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls every other entity by cursor, page by page, each page applied with its cursor in one local
 * transaction, and pulls an entity again from scratch when its cursor has expired.
 */
final class EntityPull {

  private static final Logger LOG = LoggerFactory.getLogger(EntityPull.class);

  /**
   * Pulled by cursor each cycle, in this order; sites are pulled whole first ({@link SitePull}).
   */
  static final List<EntityType> ORDER =
      java.util.Arrays.stream(EntityType.values()).filter(t -> t != EntityType.SITES).toList();

  /**
   * The entities a push of {@code pushed} changes on the server, in pull order: each one itself,
   * and the ledger's derived rows: a movement moves stock levels, a count applied records a
   * movement (DESIGN.md, stock as a ledger). A site (admins only) changes what everything else
   * shows: every entity.
   */
  static List<EntityType> changedByPushOf(java.util.Set<EntityType> pushed) {
    if (pushed.contains(EntityType.SITES)) {
      return ORDER;
    }
    java.util.Set<EntityType> changed = java.util.EnumSet.noneOf(EntityType.class);
    changed.addAll(pushed);
    if (pushed.contains(EntityType.STOCK_COUNTS)) {
      changed.add(EntityType.STOCK_MOVEMENTS);
    }
    if (changed.contains(EntityType.STOCK_MOVEMENTS)) {
      changed.add(EntityType.STOCK_LEVELS);
    }
    return ORDER.stream().filter(changed::contains).toList();
  }

  private final SyncStore store;
  private final SyncClient client;
  private final Executor requests;
  private final CycleCancel cancel;

  EntityPull(SyncStore store, SyncClient client, Executor requests, CycleCancel cancel) {
    this.store = store;
    this.client = client;
    this.requests = requests;
    this.cancel = cancel;
  }

  void pullAll(CycleTally tally, IntConsumer progress) throws SyncException {
    pull(ORDER, tally, progress);
  }

  void pull(List<EntityType> types, CycleTally tally, IntConsumer progress) throws SyncException {
    for (EntityType type : types) {
      if (store.repullUnderWay(type)) {
        repull(type, tally, progress); // one that an earlier crash or failure cut short
        continue;
      }
      try {
        pull(type, tally, progress, null);
      } catch (SyncException e) {
        if (e.kind() != SyncException.Kind.CURSOR_EXPIRED) {
          throw e;
        }
        LOG.info("cursor of {} expired; pulling it again from the start", type.wireName());
        repull(type, tally, progress);
      }
    }
  }

  /**
   * Applies the pages live pokes carried for {@code type}, in order, each only if it follows the
   * cursor this laptop holds (decision record 0049).
   *
   * @return whether they all did, so that no pull of {@code type} is needed; false when there were
   *     none, or one did not follow (the pull then goes on from wherever the cursor is)
   */
  boolean applyCarried(
      EntityType type, List<LiveMessage> pages, CycleTally tally, IntConsumer progress) {
    if (pages.isEmpty() || store.repullUnderWay(type)) {
      return false;
    }
    for (LiveMessage page : pages) {
      int applied =
          store.applyCarried(type, page.since(), page.records(), page.deletions(), page.cursor());
      if (applied < 0) {
        return false;
      }
      tally.pulled += applied;
      if (progress != null && applied > 0) {
        progress.accept(tally.pulled);
      }
    }
    return true;
  }

  /**
   * Pulls an entity from scratch and then drops what the server no longer serves: past the
   * tombstone horizon, deletions are not sent as tombstones any more, only left out.
   */
  private void repull(EntityType type, CycleTally tally, IntConsumer progress)
      throws SyncException {
    store.beginRepull(type);
    Set<UUID> served = new HashSet<>();
    pull(type, tally, progress, served);
    int gone = store.finishRepull(type, served);
    if (gone > 0) {
      LOG.info(
          "{} {} record(s) the server no longer has were marked deleted", gone, type.wireName());
    }
  }

  /**
   * Pulls one entity page by page. The next page is asked for while this one is applied (its cursor
   * is the server's, known before the apply), on a thread of the agent's request executor: the
   * request, the server's work and the JSON parsing then overlap the local transaction instead of
   * following it. Only one request is ever on the wire, in the same order as without the overlap,
   * and none is left running when this returns (decision record 0029).
   */
  private void pull(EntityType type, CycleTally tally, IntConsumer progress, Set<UUID> served)
      throws SyncException {
    String cursor = store.cursor(type).orElse(null);
    // A first pull into a profile that holds none of these: every record is presumably new.
    boolean presumedNew = cursor == null && store.holdsNone(type);
    PullResponse page = client.pull(type, cursor, SyncEngine.PAGE);
    while (true) {
      RequestAhead<PullResponse> next =
          page.hasMore() ? new RequestAhead<>(requests, pullOf(type, page.cursor())) : null;
      try {
        apply(type, page, presumedNew, tally, progress, served);
        if (next != null) {
          cancel.check();
        }
      } catch (SyncException | RuntimeException e) {
        if (next != null) {
          next.abandon();
        }
        throw e;
      }
      if (next == null) {
        return;
      }
      page = next.answer();
    }
  }

  private void apply(
      EntityType type,
      PullResponse page,
      boolean presumedNew,
      CycleTally tally,
      IntConsumer progress,
      Set<UUID> served) {
    List<ServerRecord> records = page.records() == null ? List.of() : page.records();
    List<UUID> deletions = page.deletions() == null ? List.of() : page.deletions();
    store.applyPage(type, records, deletions, page.cursor(), presumedNew);
    if (served != null) {
      for (ServerRecord r : records) {
        served.add(r.id());
      }
      deletions.forEach(served::remove);
    }
    tally.pulled += records.size() + deletions.size();
    if (progress != null && !records.isEmpty()) {
      progress.accept(tally.pulled);
    }
  }

  private RequestAhead.Request<PullResponse> pullOf(EntityType type, String cursor) {
    return () -> client.pull(type, cursor, SyncEngine.PAGE);
  }
}
