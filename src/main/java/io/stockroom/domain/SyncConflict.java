package io.stockroom.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of the conflicts inbox: what this laptop sent ({@code localPayload}, the outbox JSON)
 * and what the server holds ({@code serverRecord}, wire JSON), with the policy that decided. {@code
 * open} entries wait for the user; the others were settled by their entity's policy. {@code label}
 * names the record as a worker knows it (an item's SKU and name, a count's item and bin).
 */
public record SyncConflict(
    UUID id,
    UUID mutationId,
    EntityType entityType,
    UUID entityId,
    MutationAction action,
    String policy,
    String reason,
    List<String> fields,
    String localPayload,
    String serverRecord,
    boolean open,
    String resolution,
    Instant createdAt,
    Instant resolvedAt,
    String label) {}
