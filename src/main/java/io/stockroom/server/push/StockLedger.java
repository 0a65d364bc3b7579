package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.STOCK_LEVELS;
import static io.stockroom.server.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.MovementReason;
import io.stockroom.server.store.jooq.tables.records.StockLevelsRecord;
import io.stockroom.server.store.jooq.tables.records.StockMovementsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Records movements and keeps {@code stock_levels} in step, in the same transaction. Each level a
 * movement changes takes a version after the movement's, so {@code level.version >=
 * movement.version} tells a client the level includes that movement. Stock may go negative: a
 * physical fact is never refused.
 */
final class StockLedger {

  private static final BigDecimal MAX_LEVEL = new BigDecimal("999999999999999");

  record NewMovement(
      UUID id,
      UUID siteId,
      UUID itemId,
      UUID fromLocationId,
      UUID toLocationId,
      BigDecimal quantity,
      MovementReason reason,
      String reference,
      Instant occurredAt,
      UUID userId) {}

  StockMovementsRecord record(MutationContext c, NewMovement m) {
    long version = c.tx().nextVersion();
    StockMovementsRecord r = c.dsl().newRecord(STOCK_MOVEMENTS);
    r.setId(m.id());
    r.setVersion(version);
    r.setCreatedAt(c.now());
    r.setUpdatedAt(c.now());
    r.setIsDeleted(false);
    r.setSiteId(m.siteId());
    r.setItemId(m.itemId());
    r.setFromLocationId(m.fromLocationId());
    r.setToLocationId(m.toLocationId());
    r.setQuantity(m.quantity());
    r.setReason(m.reason().wireName());
    r.setReference(m.reference());
    r.setOccurredAt(m.occurredAt());
    r.setUserId(m.userId());
    r.insert();
    c.tx().changed(EntityType.STOCK_MOVEMENTS, m.siteId(), version);
    if (m.fromLocationId() != null) {
      adjust(c, m.siteId(), m.itemId(), m.fromLocationId(), m.quantity().negate());
    }
    if (m.toLocationId() != null) {
      adjust(c, m.siteId(), m.itemId(), m.toLocationId(), m.quantity());
    }
    return r;
  }

  /** The on-hand of an item in a location; zero when nothing ever moved there. */
  BigDecimal level(MutationContext c, UUID itemId, UUID locationId) {
    BigDecimal q =
        c.dsl()
            .select(STOCK_LEVELS.QUANTITY)
            .from(STOCK_LEVELS)
            .where(STOCK_LEVELS.ITEM_ID.eq(itemId))
            .and(STOCK_LEVELS.LOCATION_ID.eq(locationId))
            .fetchOne(STOCK_LEVELS.QUANTITY);
    return q == null ? BigDecimal.ZERO.setScale(3) : q;
  }

  private void adjust(
      MutationContext c, UUID siteId, UUID itemId, UUID locationId, BigDecimal delta) {
    StockLevelsRecord r =
        c.dsl()
            .selectFrom(STOCK_LEVELS)
            .where(STOCK_LEVELS.ITEM_ID.eq(itemId))
            .and(STOCK_LEVELS.LOCATION_ID.eq(locationId))
            .fetchOne();
    BigDecimal next = r == null ? delta : r.getQuantity().add(delta);
    if (next.abs().compareTo(MAX_LEVEL) > 0) {
      throw Rejection.invalid("the stock level would leave the range the server stores");
    }
    long version = c.tx().nextVersion();
    if (r == null) {
      r = c.dsl().newRecord(STOCK_LEVELS);
      r.setId(c.ids().next());
      r.setSiteId(siteId);
      r.setItemId(itemId);
      r.setLocationId(locationId);
      r.setQuantity(delta);
      r.setCreatedAt(c.now());
      r.setIsDeleted(false);
      r.setVersion(version);
      r.setUpdatedAt(c.now());
      r.insert();
    } else {
      r.setQuantity(next);
      r.setVersion(version);
      r.setUpdatedAt(c.now());
      r.update();
    }
    c.tx().changed(EntityType.STOCK_LEVELS, siteId, version);
  }
}
