package io.stockroom.app.queue;

import java.util.UUID;

/**
 * One mutation waiting in the outbox: its kind and record in words; the idempotency key the server
 * deduplicates by is kept for support, not shown.
 */
public record QueueRow(
    long seq,
    String entity,
    String action,
    String record,
    String idempotencyKey,
    String status,
    String retries,
    String created,
    String error,
    UUID id,
    String payload) {

  /** The kind of record as a column shows it ("Stock movement"). */
  public String kind() {
    return entity.isEmpty()
        ? entity
        : Character.toUpperCase(entity.charAt(0)) + entity.substring(1);
  }

  public boolean failed() {
    return "failed".equals(status);
  }
}
