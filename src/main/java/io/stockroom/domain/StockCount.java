package io.stockroom.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A cycle count: what was counted in a bin against what the counter expected to find. */
public record StockCount(
    UUID id,
    UUID itemId,
    UUID locationId,
    BigDecimal countedQuantity,
    BigDecimal expectedQuantity,
    Instant countedAt,
    String status,
    SyncStatus syncStatus) {

  public BigDecimal difference() {
    return countedQuantity.subtract(expectedQuantity);
  }
}
