package io.stockroom.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One queued change as pushed. {@code entity} and {@code action} stay strings here so the server
 * can answer an unknown one with the contract's own error code.
 */
public record Mutation(
    UUID idempotencyKey,
    String entity,
    String action,
    UUID entityId,
    ObjectNode data,
    Long baseVersion,
    Long clientVersion,
    Instant clientUpdatedAt,
    Map<String, String> fieldClock) {}
