package io.stockroom.store;

import io.stockroom.domain.Hlc;
import io.stockroom.domain.HybridLogicalClock;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;

/**
 * Time for local writes: wall-clock instants (millisecond precision, as the wire carries them) and
 * HLC stamps. Every write that issues a stamp persists the clock's last stamp in the same
 * transaction, so a restart never issues a stamp at or below one already written.
 */
final class Stamps {

  private final Clock wall;
  private final HybridLogicalClock hlc;

  Stamps(Clock wall, HybridLogicalClock hlc) {
    this.wall = wall;
    this.hlc = hlc;
  }

  Instant now() {
    return wall.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  HybridLogicalClock hlc() {
    return hlc;
  }

  /** A new stamp, persisted as the clock's last stamp in the caller's transaction. */
  Hlc stamp(DSLContext tx) {
    Hlc stamp = hlc.now();
    Settings.put(tx, Settings.LAST_STAMP, hlc.peek().toString());
    return stamp;
  }
}
