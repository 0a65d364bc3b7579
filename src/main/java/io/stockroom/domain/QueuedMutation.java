package io.stockroom.domain;

import java.time.Instant;
import java.util.UUID;

/** One row of the outbox as the queue view and the sync agent see it. */
public record QueuedMutation(
    UUID id,
    long seq,
    UUID idempotencyKey,
    EntityType entityType,
    MutationAction action,
    UUID entityId,
    String payload,
    Long baseVersion,
    int retryCount,
    int maxRetries,
    Instant createdAt,
    MutationStatus status,
    String error,
    Instant nextAttemptAt) {}
