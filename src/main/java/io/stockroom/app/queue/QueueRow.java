package io.stockroom.app.queue;

import java.util.UUID;

/** One mutation waiting in the outbox, with the idempotency key the server deduplicates by. */
public record QueueRow(
    long seq,
    String entity,
    String action,
    String entityId,
    String idempotencyKey,
    String status,
    String retries,
    String created,
    String error,
    UUID id,
    String payload) {

  public boolean failed() {
    return "failed".equals(status);
  }
}
