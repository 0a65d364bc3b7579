package io.stockroom.store;

import static io.stockroom.store.ColumnText.truncate;
import static io.stockroom.store.MutationQueue.OPEN;
import static io.stockroom.store.MutationQueue.hasOpen;
import static io.stockroom.store.MutationQueue.openEntities;
import static io.stockroom.store.SyncedRows.markDeleted;
import static io.stockroom.store.SyncedRows.setStatus;
import static io.stockroom.store.SyncedRows.stampSynced;
import static io.stockroom.store.SyncedRows.table;
import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;
import static io.stockroom.store.jooq.Tables.SYNC_DEFERRED;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What a push answer leaves locally: each mutation completed, failed or released, and its record
 * stamped with the server's values, in one short transaction per answer and never across a network
 * call. The user's retry and discard of failed mutations are here too.
 */
final class PushOutcomes {

  private static final String SYNCED = SyncStatus.SYNCED.dbValue();
  private static final String CONFLICT = SyncStatus.CONFLICT.dbValue();

  private final Tx tx;
  private final Stamps stamps;
  private final MutationQueue queue;
  private final SyncedRows rows;
  private final DeferredRecords deferred;
  private final ConflictInbox inbox;
  private final BinMerge binMerge;

  PushOutcomes(Tx tx, Stamps stamps, MutationQueue queue, SyncedRows rows, ConflictInbox inbox) {
    this.tx = tx;
    this.stamps = stamps;
    this.queue = queue;
    this.rows = rows;
    this.deferred = new DeferredRecords(rows);
    this.inbox = inbox;
    this.binMerge = new BinMerge(rows, inbox);
  }

  /**
   * The server accepted a mutation (or replayed its stored result): the mutation is completed and,
   * unless another mutation of the same record is still open, the record takes the server's values
   * and is marked synced with its server id and version.
   */
  void markAccepted(QueuedMutation m, UUID serverId, Long serverVersion, ServerRecord record) {
    markAccepted(List.of(new AcceptedMutation(m, serverId, serverVersion, record)));
  }

  /**
   * {@link #markAccepted} for a run of results in one transaction (a push answers up to a batch at
   * once; a transaction per result made a 1,000-mutation push several times slower).
   */
  void markAccepted(List<AcceptedMutation> accepted) {
    if (accepted.isEmpty()) {
      return;
    }
    tx.runReplayable(
        t -> {
          t.update(MUTATION_QUEUE)
              .set(MUTATION_QUEUE.STATUS, MutationStatus.COMPLETED.dbValue())
              .setNull(MUTATION_QUEUE.ERROR)
              .setNull(MUTATION_QUEUE.NEXT_ATTEMPT_AT)
              .where(MUTATION_QUEUE.ID.in(accepted.stream().map(a -> a.mutation().id()).toList()))
              .execute();
          Set<UUID> open =
              openEntities(t, accepted.stream().map(a -> a.mutation().entityId()).toList());
          Instant now = stamps.now();
          boolean anyDeferred = t.fetchExists(SYNC_DEFERRED);
          Set<UUID> stamped = AcceptedItems.stampUnchanged(t, accepted, open, now);
          for (AcceptedMutation a : accepted) {
            QueuedMutation m = a.mutation();
            if (BinMerge.mapsToAnotherLocation(a)) {
              binMerge.merge(t, a, now);
              continue;
            }
            boolean settled = !open.contains(m.entityId());
            boolean upserted = stamped.contains(m.id());
            if (!upserted && settled && a.record() != null && m.action() != MutationAction.DELETE) {
              rows.upsert(t, a.record(), now);
              upserted = AcceptedItems.stampedBy(a);
            }
            if (!upserted) {
              stampSynced(
                  t, m.entityType(), m.entityId(), a.serverId(), a.serverVersion(), now, settled);
            }
            if (settled && anyDeferred) {
              deferred.apply(t, m.entityType(), m.entityId(), now);
            }
          }
        });
  }

  /**
   * The server answered a conflict. The mutation is done (the server decided); the inbox keeps both
   * sides. With {@code openForUser} the record is flagged {@code conflict} until the user settles
   * it; otherwise the policy already decided and the entry is stored as resolved.
   */
  void markConflict(
      QueuedMutation m,
      ServerRecord serverRecord,
      String reason,
      List<String> fields,
      String policy,
      boolean openForUser) {
    tx.runReplayable(
        t -> {
          complete(t, m.id(), reason);
          Instant now = stamps.now();
          t.executeInsert(
              inbox.entry(t, m, policy, reason, fields, serverRecord, openForUser, now));
          boolean settled = !hasOpen(t, m.entityId());
          if (settled && serverRecord != null && serverRecord.id() != null) {
            rows.upsert(t, serverRecord, now);
          }
          if (settled) {
            deferred.apply(t, m.entityType(), m.entityId(), now);
          }
          if (openForUser) {
            setStatus(t, m.entityType(), m.entityId(), CONFLICT);
          } else if (settled) {
            setStatus(t, m.entityType(), m.entityId(), SYNCED);
          }
        });
  }

  /** A 4xx rejection: the mutation fails at once and the record is flagged {@code error}. */
  void markRejected(QueuedMutation m, String error) {
    tx.runReplayable(
        t -> {
          t.update(MUTATION_QUEUE)
              .set(MUTATION_QUEUE.STATUS, MutationStatus.FAILED.dbValue())
              .set(MUTATION_QUEUE.ERROR, truncate(error, 4000))
              .setNull(MUTATION_QUEUE.NEXT_ATTEMPT_AT)
              .where(MUTATION_QUEUE.ID.eq(m.id()))
              .execute();
          setStatus(t, m.entityType(), m.entityId(), SyncStatus.ERROR.dbValue());
        });
  }

  /**
   * Mutations claimed for a push that never got an answer of their own go back to pending, without
   * counting as a retry.
   */
  void release(Collection<UUID> mutationIds) {
    tx.run(
        t ->
            t.update(MUTATION_QUEUE)
                .set(MUTATION_QUEUE.STATUS, MutationStatus.PENDING.dbValue())
                .where(MUTATION_QUEUE.ID.in(mutationIds))
                .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.IN_FLIGHT.dbValue()))
                .execute());
  }

  /**
   * Client-wins: queues the same payload again as a fresh mutation (new idempotency key) based on
   * the server's current version.
   */
  void resend(QueuedMutation m, Long baseVersion) {
    tx.run(
        t -> {
          MutationAction action =
              m.action() == MutationAction.CREATE ? MutationAction.UPDATE : m.action();
          queue.enqueue(t, m.entityType(), action, m.entityId(), m.payload(), baseVersion);
        });
  }

  /**
   * The user discards a failed mutation: it is completed without being applied anywhere, and its
   * record goes back to what the server holds. A record the server never had (a refused create) is
   * deleted locally; one it has is pulled again, since pages skipped it while the mutation was open
   * (the re-pull of its entity also drops it if the server deleted it meanwhile). Records with
   * another open mutation are left to that one's answer.
   */
  void discard(UUID mutationId) {
    tx.run(
        t -> {
          var m = MutationQueue.fetchFailed(t, mutationId);
          if (m == null) {
            return;
          }
          complete(t, mutationId, "discarded by the user");
          if (hasOpen(t, m.getEntityId())) {
            return;
          }
          EntityType type = EntityType.fromWireName(m.getEntityType()).orElseThrow();
          org.jooq.Table<?> table = table(type);
          Long serverVersion =
              t.select(table.field("SERVER_VERSION", Long.class))
                  .from(table)
                  .where(table.field("ID", UUID.class).eq(m.getEntityId()))
                  .fetchOptional(table.field("SERVER_VERSION", Long.class))
                  .orElse(null);
          if (serverVersion == null) {
            markDeleted(t, type, m.getEntityId(), stamps.now());
          } else {
            PullCursors.beginRepull(t, type);
          }
        });
  }

  /** Failed mutations, oldest first: the list the user retries or discards from. */
  List<QueuedMutation> failed() {
    return tx.read()
        .selectFrom(MUTATION_QUEUE)
        .where(MUTATION_QUEUE.STATUS.eq(MutationStatus.FAILED.dbValue()))
        .orderBy(MUTATION_QUEUE.SEQ)
        .fetch()
        .map(MutationQueue::toDomain);
  }

  /** How many mutations are open (pending, in flight or failed). */
  int openCount() {
    return tx.read().fetchCount(MUTATION_QUEUE, MUTATION_QUEUE.STATUS.in(OPEN));
  }

  private static void complete(DSLContext t, UUID mutationId, String note) {
    t.update(MUTATION_QUEUE)
        .set(MUTATION_QUEUE.STATUS, MutationStatus.COMPLETED.dbValue())
        .set(MUTATION_QUEUE.ERROR, truncate(note, 4000))
        .setNull(MUTATION_QUEUE.NEXT_ATTEMPT_AT)
        .where(MUTATION_QUEUE.ID.eq(mutationId))
        .execute();
  }
}
