package io.stockroom.store;

import static io.stockroom.store.ColumnText.truncate;
import static io.stockroom.store.MutationQueue.hasOpen;
import static io.stockroom.store.SyncedRows.setStatus;
import static io.stockroom.store.jooq.Tables.SYNC_CONFLICTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.SyncStatus;
import io.stockroom.store.jooq.tables.records.SyncConflictsRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The conflicts inbox: what the server answered to a mutation that it did not take as sent, kept
 * with both sides, open until the user settles it or stored as already decided by the policy.
 */
final class ConflictInbox {

  private static final String SYNCED = SyncStatus.SYNCED.dbValue();
  private static final String CONFLICT = SyncStatus.CONFLICT.dbValue();

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;
  private final SyncedRows rows;

  ConflictInbox(Tx tx, IdGenerator ids, Stamps stamps, SyncedRows rows) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.rows = rows;
  }

  /** An inbox entry for what the server answered to {@code m}: open for the user, or settled. */
  SyncConflictsRecord entry(
      DSLContext t,
      QueuedMutation m,
      String policy,
      String reason,
      List<String> fields,
      ServerRecord serverRecord,
      boolean openForUser,
      Instant now) {
    SyncConflictsRecord c = t.newRecord(SYNC_CONFLICTS);
    c.setId(ids.next());
    c.setMutationId(m.id());
    c.setIdempotencyKey(m.idempotencyKey());
    c.setEntityType(m.entityType().wireName());
    c.setEntityId(m.entityId());
    c.setAction(m.action().wireName());
    c.setPolicy(policy);
    c.setReason(truncate(reason, 4000));
    c.setFields(fields == null || fields.isEmpty() ? null : String.join(",", fields));
    c.setLocalPayload(m.payload());
    c.setServerRecord(serverRecord == null ? null : Payloads.recordText(serverRecord));
    c.setStatus(openForUser ? "open" : "resolved");
    c.setResolution(openForUser ? null : policy);
    c.setCreatedAt(now);
    c.setResolvedAt(openForUser ? null : now);
    return c;
  }

  List<SyncConflict> conflicts(boolean openOnly) {
    var q = tx.read().selectFrom(SYNC_CONFLICTS);
    var where = openOnly ? SYNC_CONFLICTS.STATUS.eq("open") : SYNC_CONFLICTS.STATUS.isNotNull();
    DSLContext t = tx.read();
    return q.where(where).orderBy(SYNC_CONFLICTS.CREATED_AT).fetch().map(r -> toConflict(t, r));
  }

  /**
   * Settles an open conflict. The record's conflict flag goes away once no open entry is left for
   * it; what the user chose to send again is queued by the caller through the normal services.
   */
  void resolve(UUID conflictId, String resolution) {
    tx.run(t -> resolve(t, conflictId, resolution, null, null));
  }

  /**
   * {@link #resolve(UUID, String)} inside the caller's transaction, remembering what the choice
   * queued ({@code mutationId}, null when it queued nothing) and what the record held before
   * ({@code undoState}), so {@link LocalConflicts} can take it back until it is sent.
   */
  void resolve(
      DSLContext t, UUID conflictId, String resolution, UUID mutationId, String undoState) {
    SyncConflictsRecord c =
        t.selectFrom(SYNC_CONFLICTS).where(SYNC_CONFLICTS.ID.eq(conflictId)).fetchSingle();
    c.setStatus("resolved");
    c.setResolution(resolution);
    c.setResolvedAt(stamps.now());
    c.setResolutionMutationId(mutationId);
    c.setUndoState(undoState);
    c.update();
    boolean more =
        t.fetchExists(
            SYNC_CONFLICTS,
            SYNC_CONFLICTS.ENTITY_ID.eq(c.getEntityId()).and(SYNC_CONFLICTS.STATUS.eq("open")));
    if (!more) {
      EntityType type = EntityType.fromWireName(c.getEntityType()).orElseThrow();
      setStatus(
          t,
          type,
          c.getEntityId(),
          hasOpen(t, c.getEntityId()) ? SyncStatus.PENDING.dbValue() : SYNCED);
    }
  }

  /**
   * Puts the server's side of a conflict into its record, inside the caller's transaction, unless
   * another open mutation of the record will bring the server's state with its answer. Pages skip a
   * record while a mutation of it is open, so without this a record whose conflict arrived next to
   * another of its mutations could keep this laptop's values after the user settles it.
   */
  void adoptServerSide(DSLContext t, UUID conflictId) {
    SyncConflictsRecord c =
        t.selectFrom(SYNC_CONFLICTS).where(SYNC_CONFLICTS.ID.eq(conflictId)).fetchSingle();
    if (c.getServerRecord() == null || hasOpen(t, c.getEntityId())) {
      return;
    }
    ServerRecord record =
        Payloads.record(
            c.getServerRecord(), EntityType.fromWireName(c.getEntityType()).orElseThrow());
    if (c.getEntityId().equals(record.id())) {
      rows.upsert(t, record, stamps.now());
    }
  }

  /** Opens a settled entry again (its choice was taken back) and flags its record. */
  void reopen(DSLContext t, SyncConflictsRecord c) {
    c.setStatus("open");
    c.setResolution(null);
    c.setResolvedAt(null);
    c.setResolutionMutationId(null);
    c.setUndoState(null);
    c.update();
    EntityType type = EntityType.fromWireName(c.getEntityType()).orElseThrow();
    setStatus(t, type, c.getEntityId(), CONFLICT);
  }

  private static SyncConflict toConflict(DSLContext t, SyncConflictsRecord r) {
    EntityType type = EntityType.fromWireName(r.getEntityType()).orElseThrow();
    return new SyncConflict(
        r.getId(),
        r.getMutationId(),
        EntityType.fromWireName(r.getEntityType()).orElseThrow(),
        r.getEntityId(),
        MutationAction.fromWireName(r.getAction()),
        r.getPolicy(),
        r.getReason(),
        r.getFields() == null ? List.of() : Arrays.asList(r.getFields().split(",")),
        r.getLocalPayload(),
        r.getServerRecord(),
        "open".equals(r.getStatus()),
        r.getResolution(),
        r.getCreatedAt(),
        r.getResolvedAt(),
        RecordLabels.of(t, type, r.getEntityId()));
  }
}
