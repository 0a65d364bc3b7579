package io.stockroom.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A record as the server holds it, one type per synced entity, with the fields PROTOCOL.md lists.
 * The server builds them from its rows; the protocol decodes them from a pull page or a push
 * answer; the laptop's store writes them into its rows. A nullable field is {@code null} when
 * absent.
 */
public sealed interface ServerRecord {

  UUID id();

  /** The server version, which only rises. Every record carries one; a record without fails. */
  long version();

  Instant createdAt();

  Instant updatedAt();

  EntityType type();

  /** The record type of an entity, for a decoder that knows the entity but not the record. */
  static Class<? extends ServerRecord> typeOf(EntityType entity) {
    return switch (entity) {
      case SITES -> Site.class;
      case LOCATIONS -> Location.class;
      case ITEMS -> Item.class;
      case ITEM_NOTES -> Note.class;
      case STOCK_MOVEMENTS -> Movement.class;
      case STOCK_LEVELS -> Level.class;
      case STOCK_COUNTS -> Count.class;
    };
  }

  record Site(UUID id, long version, Instant createdAt, Instant updatedAt, String code, String name)
      implements ServerRecord {
    @Override
    public EntityType type() {
      return EntityType.SITES;
    }
  }

  /** A bin. */
  record Location(
      UUID id,
      long version,
      Instant createdAt,
      Instant updatedAt,
      UUID siteId,
      String code,
      String zone,
      String description)
      implements ServerRecord {
    @Override
    public EntityType type() {
      return EntityType.LOCATIONS;
    }
  }

  /**
   * An item. {@code unit} reads {@code ea} and {@code reorderPoint} 0 when absent; {@code
   * fieldClock} holds the HLC stamp of each field's winning write by wire name, or is {@code null}
   * from a server that sent none.
   */
  record Item(
      UUID id,
      long version,
      Instant createdAt,
      Instant updatedAt,
      String sku,
      String barcode,
      String name,
      String description,
      String unit,
      String category,
      Integer reorderPoint,
      Map<String, String> fieldClock)
      implements ServerRecord {

    public Item {
      unit = unit == null ? ItemDraft.DEFAULT_UNIT : unit;
      reorderPoint = reorderPoint == null ? 0 : reorderPoint;
      fieldClock = fieldClock == null ? null : java.util.Collections.unmodifiableMap(fieldClock);
    }

    @Override
    public EntityType type() {
      return EntityType.ITEMS;
    }
  }

  /** A note on an item; {@code fieldClock} holds the stamp of the body's winning write. */
  record Note(
      UUID id,
      long version,
      Instant createdAt,
      Instant updatedAt,
      UUID itemId,
      String body,
      String author,
      Map<String, String> fieldClock)
      implements ServerRecord {

    public Note {
      fieldClock = fieldClock == null ? null : java.util.Collections.unmodifiableMap(fieldClock);
    }

    @Override
    public EntityType type() {
      return EntityType.ITEM_NOTES;
    }

    /** The stamp of the body's winning write, or null. */
    public String bodyStamp() {
      return fieldClock == null ? null : fieldClock.get("body");
    }
  }

  record Movement(
      UUID id,
      long version,
      Instant createdAt,
      Instant updatedAt,
      UUID siteId,
      UUID itemId,
      UUID fromLocationId,
      UUID toLocationId,
      BigDecimal quantity,
      String reason,
      String reference,
      Instant occurredAt,
      UUID userId)
      implements ServerRecord {
    @Override
    public EntityType type() {
      return EntityType.STOCK_MOVEMENTS;
    }
  }

  record Level(
      UUID id,
      long version,
      Instant createdAt,
      Instant updatedAt,
      UUID siteId,
      UUID itemId,
      UUID locationId,
      BigDecimal quantity)
      implements ServerRecord {
    @Override
    public EntityType type() {
      return EntityType.STOCK_LEVELS;
    }
  }

  record Count(
      UUID id,
      long version,
      Instant createdAt,
      Instant updatedAt,
      UUID siteId,
      UUID itemId,
      UUID locationId,
      BigDecimal countedQuantity,
      BigDecimal expectedQuantity,
      BigDecimal currentQuantity,
      Instant countedAt,
      String status,
      UUID userId,
      UUID movementId)
      implements ServerRecord {
    @Override
    public EntityType type() {
      return EntityType.STOCK_COUNTS;
    }
  }
}
