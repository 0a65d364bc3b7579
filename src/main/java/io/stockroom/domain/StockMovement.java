package io.stockroom.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One immutable line of the ledger. Location codes are resolved for display. */
public record StockMovement(
    UUID id,
    UUID itemId,
    String sku,
    String itemName,
    UUID fromLocationId,
    String fromCode,
    UUID toLocationId,
    String toCode,
    BigDecimal quantity,
    MovementReason reason,
    String reference,
    Instant occurredAt,
    SyncStatus syncStatus) {}
