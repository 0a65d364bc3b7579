package io.stockroom.domain;

import java.time.Instant;
import java.util.UUID;

/** A catalog entry as stored locally. */
public record Item(
    UUID id,
    String sku,
    String barcode,
    String name,
    String description,
    String unit,
    String category,
    int reorderPoint,
    long version,
    Long serverVersion,
    SyncStatus syncStatus,
    Instant updatedAt) {

  public ItemDraft toDraft() {
    return new ItemDraft(sku, barcode, name, description, unit, category, reorderPoint);
  }
}
