package io.stockroom.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the sync screen reads and does besides the queue itself: failed mutations, cursors, log. */
public interface SyncDesk {

  /** A failed mutation goes back to pending with its retries reset. */
  void retry(UUID mutationId);

  /** A failed mutation is dropped without being applied anywhere. */
  void discard(UUID mutationId);

  /** Pull cursors per entity, with when each was last pulled. */
  List<Cursor> cursors();

  /** The latest sync cycles, newest first. */
  List<SyncLogEntry> log(int limit);

  record Cursor(EntityType entity, String cursor, Instant lastPulledAt) {}

  /** No store behind the screens (tests on fakes). */
  static SyncDesk none() {
    return new SyncDesk() {
      @Override
      public void retry(UUID mutationId) {}

      @Override
      public void discard(UUID mutationId) {}

      @Override
      public List<Cursor> cursors() {
        return List.of();
      }

      @Override
      public List<SyncLogEntry> log(int limit) {
        return List.of();
      }
    };
  }
}
