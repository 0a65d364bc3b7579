package io.stockroom.sync;

/**
 * The user's request to stop the running cycle, made on any thread and honoured by the cycle at its
 * next page or batch.
 */
final class CycleCancel {

  private volatile boolean requested;

  /** A new cycle starts: an earlier request is forgotten. */
  void reset() {
    requested = false;
  }

  void request() {
    requested = true;
  }

  /** Throws {@code CANCELLED} when a stop was asked for. */
  void check() throws SyncException {
    if (requested) {
      throw new SyncException(
          SyncException.Kind.CANCELLED, 0, "cancelled", "sync cancelled by the user", null);
    }
  }
}
