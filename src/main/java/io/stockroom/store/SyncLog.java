package io.stockroom.store;

import static io.stockroom.store.ColumnText.truncate;
import static io.stockroom.store.jooq.Tables.SYNC_LOG;

import io.stockroom.domain.SyncLogEntry;
import io.stockroom.store.jooq.tables.records.SyncLogRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sync log: one row per cycle, the last 10,000 kept. */
final class SyncLog {

  private final Tx tx;

  SyncLog(Tx tx) {
    this.tx = tx;
  }

  void log(SyncLogEntry e) {
    tx.runReplayable(
        t -> {
          SyncLogRecord r = t.newRecord(SYNC_LOG);
          r.setStartedAt(e.startedAt());
          r.setFinishedAt(e.finishedAt());
          r.setTriggerName(truncate(e.trigger(), 32));
          r.setOutcome(truncate(e.outcome(), 16));
          r.setPulled(e.pulled());
          r.setPushed(e.pushed());
          r.setAccepted(e.accepted());
          r.setConflicts(e.conflicts());
          r.setRejected(e.rejected());
          r.setFailed(e.failed());
          r.setBytesSent(e.bytesSent());
          r.setBytesReceived(e.bytesReceived());
          r.setMillis(e.millis());
          r.setError(truncate(e.error(), 4000));
          r.insert();
          // Keep the log bounded: the last 10,000 cycles.
          t.deleteFrom(SYNC_LOG).where(SYNC_LOG.ID.le(r.getId() - 10_000)).execute();
        });
  }

  /** The latest cycles, newest first. */
  List<SyncLogEntry> recentLog(int limit) {
    return tx.read()
        .selectFrom(SYNC_LOG)
        .orderBy(SYNC_LOG.ID.desc())
        .limit(limit)
        .fetch()
        .map(
            r ->
                new SyncLogEntry(
                    r.getId(),
                    r.getStartedAt(),
                    r.getFinishedAt(),
                    r.getTriggerName(),
                    r.getOutcome(),
                    r.getPulled(),
                    r.getPushed(),
                    r.getAccepted(),
                    r.getConflicts(),
                    r.getRejected(),
                    r.getFailed(),
                    r.getBytesSent(),
                    r.getBytesReceived(),
                    r.getMillis(),
                    r.getError()));
  }

  /** When the last cycle that reached the server ended well, if ever. */
  Optional<Instant> lastSuccess() {
    return tx.read()
        .select(SYNC_LOG.FINISHED_AT)
        .from(SYNC_LOG)
        .where(SYNC_LOG.OUTCOME.eq("ok"))
        .orderBy(SYNC_LOG.ID.desc())
        .limit(1)
        .fetchOptional(SYNC_LOG.FINISHED_AT);
  }
}
