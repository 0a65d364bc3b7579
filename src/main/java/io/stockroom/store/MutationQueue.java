package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.MUTATION_QUEUE;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.MutationStatus;
import io.stockroom.domain.OutboxService;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.store.jooq.tables.records.MutationQueueRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The outbox on disk. Repositories add rows inside their own write transaction ({@link #enqueue});
 * the sync agent reads pending rows in {@code seq} order and moves them through pending ->
 * in_flight -> completed (or failed). Each state change is its own short transaction, never held
 * across a network call.
 *
 * <p>Coalescing (see docs/decisions/0003): an update folds into the entity's latest queued row when
 * that row is a create or update that is pending and has never been attempted; a row that may have
 * reached the server never changes, so its idempotency key keeps meaning one payload.
 */
public final class MutationQueue implements OutboxService {

  static final List<String> OPEN =
      List.of(
          MutationStatus.PENDING.dbValue(),
          MutationStatus.IN_FLIGHT.dbValue(),
          MutationStatus.FAILED.dbValue());

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;

  MutationQueue(Tx tx, IdGenerator ids, Stamps stamps) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
  }

  /**
   * Queues one mutation inside the caller's transaction, coalescing an update into the entity's
   * latest row when the rules allow.
   */
  void enqueue(
      DSLContext t,
      EntityType entity,
      MutationAction action,
      UUID entityId,
      String payload,
      Long baseVersion) {
    if (action == MutationAction.UPDATE && coalesce(t, entityId, payload)) {
      return;
    }
    enqueueAlone(t, entity, action, entityId, payload, baseVersion);
  }

  /**
   * Queues one mutation inside the caller's transaction as a row of its own, never folded into
   * another (a conflict's settlement, which the user may take back on its own).
   *
   * @return the new row's id
   */
  UUID enqueueAlone(
      DSLContext t,
      EntityType entity,
      MutationAction action,
      UUID entityId,
      String payload,
      Long baseVersion) {
    MutationQueueRecord row = t.newRecord(MUTATION_QUEUE);
    row.setId(ids.next());
    row.setIdempotencyKey(ids.next());
    row.setEntityType(entity.wireName());
    row.setAction(action.wireName());
    row.setEntityId(entityId);
    row.setPayload(payload);
    row.setBaseVersion(baseVersion);
    row.setCreatedAt(stamps.now());
    row.setStatus(MutationStatus.PENDING.dbValue());
    row.insert();
    return row.getId();
  }

  /**
   * Withdraws a mutation that was never sent, inside the caller's transaction: it is completed
   * without being applied anywhere.
   *
   * @return false when it was already claimed for a push or sent (then it stays)
   */
  boolean withdraw(DSLContext t, UUID mutationId, String why) {
    return t.update(MUTATION_QUEUE)
            .set(MUTATION_QUEUE.STATUS, MutationStatus.COMPLETED.dbValue())
            .set(MUTATION_QUEUE.ERROR, why)
            .where(MUTATION_QUEUE.ID.eq(mutationId))
            .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.PENDING.dbValue()))
            .and(MUTATION_QUEUE.LAST_ATTEMPT_AT.isNull())
            .execute()
        == 1;
  }

  /**
   * A failed mutation, read inside the caller's transaction; null if it is not failed (any more).
   */
  static MutationQueueRecord fetchFailed(DSLContext t, UUID mutationId) {
    return t.selectFrom(MUTATION_QUEUE)
        .where(MUTATION_QUEUE.ID.eq(mutationId))
        .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.FAILED.dbValue()))
        .fetchOne();
  }

  /** Whether a mutation is still pending and was never sent. */
  boolean unsent(DSLContext t, UUID mutationId) {
    return t.fetchExists(
        MUTATION_QUEUE,
        MUTATION_QUEUE
            .ID
            .eq(mutationId)
            .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.PENDING.dbValue()))
            .and(MUTATION_QUEUE.LAST_ATTEMPT_AT.isNull()));
  }

  private boolean coalesce(DSLContext t, UUID entityId, String payload) {
    MutationQueueRecord latest =
        t.selectFrom(MUTATION_QUEUE)
            .where(MUTATION_QUEUE.ENTITY_ID.eq(entityId))
            .orderBy(MUTATION_QUEUE.SEQ.desc())
            .limit(1)
            .fetchOne();
    if (latest == null
        || !MutationStatus.PENDING.dbValue().equals(latest.getStatus())
        || latest.getLastAttemptAt() != null
        || MutationAction.DELETE.wireName().equals(latest.getAction())) {
      return false;
    }
    // Conditional, so a row the sync agent claimed a moment ago is left alone.
    return t.update(MUTATION_QUEUE)
            .set(MUTATION_QUEUE.PAYLOAD, Payloads.merge(latest.getPayload(), payload))
            .where(MUTATION_QUEUE.ID.eq(latest.getId()))
            .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.PENDING.dbValue()))
            .and(MUTATION_QUEUE.LAST_ATTEMPT_AT.isNull())
            .execute()
        == 1;
  }

  @Override
  public List<QueuedMutation> open() {
    return tx.read()
        .selectFrom(MUTATION_QUEUE)
        .where(MUTATION_QUEUE.STATUS.in(OPEN))
        .orderBy(MUTATION_QUEUE.SEQ)
        .fetch(MutationQueue::toDomain);
  }

  @Override
  public Map<UUID, String> labels(List<QueuedMutation> mutations) {
    DSLContext t = tx.read();
    Map<UUID, String> labels = new HashMap<>();
    for (QueuedMutation m : mutations) {
      labels.put(m.id(), RecordLabels.of(t, m.entityType(), m.entityId()));
    }
    return labels;
  }

  @Override
  public int pendingCount() {
    return tx.read()
        .fetchCount(MUTATION_QUEUE, MUTATION_QUEUE.STATUS.eq(MutationStatus.PENDING.dbValue()));
  }

  /**
   * Pending mutations due now (never tried, or their backoff has passed), oldest first: what the
   * next push sends.
   */
  public List<QueuedMutation> due(int limit) {
    Instant now = stamps.now();
    org.jooq.Condition attached = org.jooq.impl.DSL.noCondition();
    // Changes in the laptop's own site wait for a sign-in to attach it to a server site: sent
    // before, the server would refuse them for good (decision record 0043).
    for (java.util.UUID local :
        tx.read()
            .select(io.stockroom.store.jooq.Tables.SITES.ID)
            .from(io.stockroom.store.jooq.Tables.SITES)
            .where(io.stockroom.store.jooq.Tables.SITES.SERVER_ID.isNull())
            .fetch(io.stockroom.store.jooq.Tables.SITES.ID)) {
      attached = attached.and(MUTATION_QUEUE.PAYLOAD.notContains(local.toString()));
    }
    return tx.read()
        .selectFrom(MUTATION_QUEUE)
        .where(MUTATION_QUEUE.STATUS.eq(MutationStatus.PENDING.dbValue()))
        .and(attached)
        .and(MUTATION_QUEUE.NEXT_ATTEMPT_AT.isNull().or(MUTATION_QUEUE.NEXT_ATTEMPT_AT.le(now)))
        .orderBy(MUTATION_QUEUE.SEQ)
        .limit(limit)
        .fetch(MutationQueue::toDomain);
  }

  /**
   * Claims pending mutations for a push: in_flight, attempt time set (from then on they are never
   * coalesced into). Returns how many were claimed; rows no longer pending are skipped.
   */
  public int markInFlight(Collection<UUID> mutationIds) {
    Instant now = stamps.now();
    // Forced, unlike the answers' marks: its attempt time is what stops a later edit from being
    // merged into a row the server may already hold under this key (coalescing, withdraw).
    return tx.write(
        t ->
            t.update(MUTATION_QUEUE)
                .set(MUTATION_QUEUE.STATUS, MutationStatus.IN_FLIGHT.dbValue())
                .set(MUTATION_QUEUE.LAST_ATTEMPT_AT, now)
                .where(MUTATION_QUEUE.ID.in(mutationIds))
                .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.PENDING.dbValue()))
                .execute());
  }

  /** The server accepted the mutation (or replayed its stored result). */
  public void markCompleted(UUID mutationId) {
    setStatus(mutationId, MutationStatus.COMPLETED, null, null);
  }

  /**
   * A transient failure (network, 5xx, 429): back to pending until {@code nextAttemptAt}, or failed
   * once the retries are used up.
   */
  public MutationStatus markRetry(UUID mutationId, String error, Instant nextAttemptAt) {
    return tx.writeReplayable(
        t -> {
          MutationQueueRecord row = fetch(t, mutationId);
          int retries = row.getRetryCount() + 1;
          MutationStatus next =
              retries >= row.getMaxRetries() ? MutationStatus.FAILED : MutationStatus.PENDING;
          row.setRetryCount(retries);
          row.setStatus(next.dbValue());
          row.setError(error);
          row.setNextAttemptAt(next == MutationStatus.PENDING ? nextAttemptAt : null);
          row.update();
          return next;
        });
  }

  /** A rejection (4xx): failed at once, shown to the user with retry or discard. */
  public void markFailed(UUID mutationId, String error) {
    setStatus(mutationId, MutationStatus.FAILED, error, null);
  }

  /** The user asked to try a failed mutation again: pending, retries reset. */
  public void retry(UUID mutationId) {
    tx.run(
        t ->
            t.update(MUTATION_QUEUE)
                .set(MUTATION_QUEUE.STATUS, MutationStatus.PENDING.dbValue())
                .set(MUTATION_QUEUE.RETRY_COUNT, 0)
                .setNull(MUTATION_QUEUE.NEXT_ATTEMPT_AT)
                .where(MUTATION_QUEUE.ID.eq(mutationId))
                .and(MUTATION_QUEUE.STATUS.eq(MutationStatus.FAILED.dbValue()))
                .execute());
  }

  /**
   * At start-up: a mutation left in_flight by a crash or a kill goes back to pending. Its attempt
   * time stays, so it is never coalesced into; the server deduplicates it by its key if the first
   * attempt did arrive.
   */
  public int resetInFlight() {
    // Replayable: made again at every open.
    return tx.writeReplayable(
        t ->
            t.update(MUTATION_QUEUE)
                .set(MUTATION_QUEUE.STATUS, MutationStatus.PENDING.dbValue())
                .where(MUTATION_QUEUE.STATUS.eq(MutationStatus.IN_FLIGHT.dbValue()))
                .execute());
  }

  public QueuedMutation get(UUID mutationId) {
    return toDomain(fetch(tx.read(), mutationId));
  }

  /** The rows of these mutations that exist, in queue order. */
  public List<QueuedMutation> getAll(Collection<UUID> mutationIds) {
    if (mutationIds.isEmpty()) {
      return List.of();
    }
    return tx.read()
        .selectFrom(MUTATION_QUEUE)
        .where(MUTATION_QUEUE.ID.in(mutationIds))
        .orderBy(MUTATION_QUEUE.SEQ)
        .fetch(MutationQueue::toDomain);
  }

  /** Every row for one entity, oldest first (completed ones too). */
  public List<QueuedMutation> forEntity(UUID entityId) {
    return tx.read()
        .selectFrom(MUTATION_QUEUE)
        .where(MUTATION_QUEUE.ENTITY_ID.eq(entityId))
        .orderBy(MUTATION_QUEUE.SEQ)
        .fetch(MutationQueue::toDomain);
  }

  private void setStatus(UUID mutationId, MutationStatus status, String error, Instant next) {
    tx.run(
        t -> {
          int n =
              t.update(MUTATION_QUEUE)
                  .set(MUTATION_QUEUE.STATUS, status.dbValue())
                  .set(MUTATION_QUEUE.ERROR, error)
                  .set(MUTATION_QUEUE.NEXT_ATTEMPT_AT, next)
                  .where(MUTATION_QUEUE.ID.eq(mutationId))
                  .execute();
          if (n == 0) {
            throw new IllegalArgumentException("no queued mutation " + mutationId);
          }
        });
  }

  private static MutationQueueRecord fetch(DSLContext ctx, UUID mutationId) {
    MutationQueueRecord row =
        ctx.selectFrom(MUTATION_QUEUE).where(MUTATION_QUEUE.ID.eq(mutationId)).fetchOne();
    return Objects.requireNonNull(row, () -> "no queued mutation " + mutationId);
  }

  static QueuedMutation toDomain(MutationQueueRecord r) {
    return new QueuedMutation(
        r.getId(),
        r.getSeq(),
        r.getIdempotencyKey(),
        EntityType.fromWireName(r.getEntityType()).orElseThrow(),
        MutationAction.fromWireName(r.getAction()),
        r.getEntityId(),
        r.getPayload(),
        r.getBaseVersion(),
        r.getRetryCount(),
        r.getMaxRetries(),
        r.getCreatedAt(),
        MutationStatus.fromDb(r.getStatus()),
        r.getError(),
        r.getNextAttemptAt());
  }

  /** Which of {@code entityIds} have an open mutation (pending, in flight or failed). */
  static Set<UUID> openEntities(DSLContext t, Collection<UUID> entityIds) {
    if (entityIds.isEmpty() || !t.fetchExists(MUTATION_QUEUE, MUTATION_QUEUE.STATUS.in(OPEN))) {
      return Set.of(); // nothing open at all, as during a first sync: no lookup per record
    }
    return new HashSet<>(
        t.selectDistinct(MUTATION_QUEUE.ENTITY_ID)
            .from(MUTATION_QUEUE)
            .where(MUTATION_QUEUE.STATUS.in(OPEN))
            .and(MUTATION_QUEUE.ENTITY_ID.in(entityIds))
            .fetch(MUTATION_QUEUE.ENTITY_ID));
  }

  /** Whether {@code entityId} has an open mutation. */
  static boolean hasOpen(DSLContext t, UUID entityId) {
    return t.fetchExists(
        MUTATION_QUEUE, MUTATION_QUEUE.ENTITY_ID.eq(entityId).and(MUTATION_QUEUE.STATUS.in(OPEN)));
  }
}
