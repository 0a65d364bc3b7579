package io.stockroom.domain;

import java.time.Instant;
import java.util.UUID;

public record ItemNote(
    UUID id, UUID itemId, String body, String author, Instant updatedAt, SyncStatus syncStatus) {}
