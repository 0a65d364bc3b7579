package io.stockroom.store;

import static io.stockroom.store.SyncedRows.repoint;
import static io.stockroom.store.jooq.Tables.LOCATIONS;
import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.ServerRecord;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * A bin created offline whose code the site already had: the server answered with its own bin, and
 * the local one merges into it.
 */
final class BinMerge {

  private final SyncedRows rows;
  private final ConflictInbox inbox;

  BinMerge(SyncedRows rows, ConflictInbox inbox) {
    this.rows = rows;
    this.inbox = inbox;
  }

  /** Policy name of the settled inbox entry that tells the user a bin was merged. */
  static final String MERGED = "MERGED";

  /** A bin created here whose code the site already had: the server answered with its own bin. */
  static boolean mapsToAnotherLocation(AcceptedMutation a) {
    QueuedMutation m = a.mutation();
    return m.entityType() == EntityType.LOCATIONS
        && m.action() == MutationAction.CREATE
        && a.serverId() != null
        && !a.serverId().equals(m.entityId())
        && a.record() != null;
  }

  /**
   * Merges the bin created here into the server's bin of the same code (issue 15; decision record
   * 0042): the movements and counts recorded against it now name the server's bin, the local bin
   * goes, and the inbox keeps a settled note saying so. Movements still queued keep the local id in
   * their payload; the server knows it as an alias of its bin.
   */
  void merge(DSLContext t, AcceptedMutation a, Instant now) {
    QueuedMutation m = a.mutation();
    UUID local = m.entityId();
    UUID server = a.serverId();
    // The upsert steps the local bin aside from the server's code; it goes below, once nothing
    // names it any more.
    ServerRecord.Location bin = (ServerRecord.Location) a.record();
    rows.upsert(t, bin, now);
    repoint(t, STOCK_MOVEMENTS.FROM_LOCATION_ID, local, server);
    repoint(t, STOCK_MOVEMENTS.TO_LOCATION_ID, local, server);
    repoint(t, STOCK_COUNTS.LOCATION_ID, local, server);
    t.deleteFrom(STOCK_LEVELS).where(STOCK_LEVELS.LOCATION_ID.eq(local)).execute();
    t.deleteFrom(LOCATIONS).where(LOCATIONS.ID.eq(local)).execute();

    // The code as the user typed it (a pull may already have stepped the local bin aside).
    String code = Payloads.dataText(m.payload(), "code").orElse(bin.code());
    String reason =
        "Bin "
            + code
            + " that you added offline already existed on the server. It is the same bin: your"
            + " moves and counts there now use the server's bin "
            + bin.code()
            + ".";
    t.executeInsert(inbox.entry(t, m, MERGED, reason, null, a.record(), false, now));
  }
}
