package io.stockroom.domain;

import java.util.UUID;

/** A local record the server answered with a conflict, waiting for the user's decision. */
public record ConflictSummary(EntityType entityType, UUID entityId, String label) {}
