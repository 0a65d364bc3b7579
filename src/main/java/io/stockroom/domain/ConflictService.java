package io.stockroom.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The conflicts inbox as the screens see it. Entries live in the local store, so they survive a
 * restart. Settling one queues what the user chose as a new mutation (a fresh idempotency key); it
 * never talks to the server itself.
 */
public interface ConflictService {

  /** Open entries (the user must decide), oldest first; with {@code settled}, the others too. */
  List<SyncConflict> list(boolean settled);

  int openCount();

  /** An item conflict, field by field. */
  ItemConflict item(UUID conflictId);

  /** A cycle count that met moved stock. */
  CountConflict count(UUID conflictId);

  /**
   * Settles an item conflict: {@code values} holds the value the user picked for every field shown
   * (null for an empty one); what differs from the server's record is queued as one update.
   */
  void resolveItem(UUID conflictId, Map<ItemField, String> values);

  void resolveCount(UUID conflictId, CountResolution resolution);

  /** Closes an entry with nothing to send (the user read it and keeps the server's version). */
  void dismiss(UUID conflictId);

  /**
   * Whether the user's choice on a settled entry can still be taken back: what it queued has not
   * been sent (or, if it queued nothing, no sync has reached the server since).
   */
  boolean canUndo(UUID conflictId);

  /**
   * Takes a choice back: its queued mutation is withdrawn unsent, the record holds again what it
   * held before, and the entry is open again.
   */
  void undo(UUID conflictId);

  /** No store behind the screens (tests on fakes): an empty inbox. */
  static ConflictService none() {
    return new ConflictService() {
      @Override
      public List<SyncConflict> list(boolean settled) {
        return List.of();
      }

      @Override
      public int openCount() {
        return 0;
      }

      @Override
      public ItemConflict item(UUID conflictId) {
        throw new IllegalArgumentException("no conflict " + conflictId);
      }

      @Override
      public CountConflict count(UUID conflictId) {
        throw new IllegalArgumentException("no conflict " + conflictId);
      }

      @Override
      public void resolveItem(UUID conflictId, Map<ItemField, String> values) {}

      @Override
      public void resolveCount(UUID conflictId, CountResolution resolution) {}

      @Override
      public void dismiss(UUID conflictId) {}

      @Override
      public boolean canUndo(UUID conflictId) {
        return false;
      }

      @Override
      public void undo(UUID conflictId) {}
    };
  }
}
