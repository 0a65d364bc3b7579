package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.ITEMS;
import static io.stockroom.server.store.jooq.Tables.STOCK_COUNTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.MovementReason;
import io.stockroom.protocol.MutationResult;
import io.stockroom.server.store.jooq.tables.records.LocationsRecord;
import io.stockroom.server.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.server.store.jooq.tables.records.StockMovementsRecord;
import io.stockroom.server.wire.RowRecords;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A cycle count compares {@code expected_quantity} (what the counter saw) with the server's level.
 * Equal: the count is {@code applied} and an adjustment movement of {@code counted - expected}
 * (reason {@code count}) is recorded. Different: someone moved stock unseen, the count is stored as
 * {@code conflict} with the level it met in {@code current_quantity}, for the counter to settle by
 * an {@code update} with {@code data.resolution} = {@code apply_anyway} (adjust to counted against
 * the level then) or {@code discard}.
 */
final class CountPolicy implements EntityPolicy {

  static final String APPLIED = "applied";
  static final String CONFLICT = "conflict";
  static final String DISCARDED = "discarded";

  private final Sites sites;
  private final StockLedger ledger;

  CountPolicy(Sites sites, StockLedger ledger) {
    this.sites = sites;
    this.ledger = ledger;
  }

  @Override
  public MutationResult apply(MutationContext c) {
    StockCountsRecord row =
        c.dsl().selectFrom(STOCK_COUNTS).where(STOCK_COUNTS.ID.eq(c.id())).fetchOne();
    if (row != null && !c.user().canSee(row.getSiteId())) {
      throw new Rejection("forbidden", "the count belongs to another site");
    }
    return switch (c.action()) {
      case CREATE -> row == null ? create(c) : result(c, row);
      case UPDATE -> settle(c, row);
      case DELETE -> throw new Rejection("read_only", "a count cannot be deleted; discard it");
    };
  }

  private MutationResult create(MutationContext c) {
    Data d = c.data();
    UUID itemId = d.requiredUuid("item_id");
    if (!c.dsl().fetchExists(ITEMS, ITEMS.ID.eq(itemId))) {
      throw new Rejection("unknown_item", "no item with id " + itemId);
    }
    LocationsRecord location = sites.location(c, d.requiredUuid("location_id"), "location_id");
    UUID named = d.uuid("site_id");
    if (named != null && !named.equals(location.getSiteId())) {
      throw Rejection.invalid("site_id does not match the site of the location");
    }
    BigDecimal counted = d.nonNegativeQuantity("counted_quantity");
    BigDecimal expected = d.requiredQuantity("expected_quantity");
    Instant countedAt = d.instant("counted_at");

    StockCountsRecord r = c.dsl().newRecord(STOCK_COUNTS);
    r.setId(c.id());
    r.setSiteId(location.getSiteId());
    r.setItemId(itemId);
    r.setLocationId(location.getId());
    r.setCountedQuantity(counted);
    r.setExpectedQuantity(expected);
    r.setCountedAt(countedAt == null ? c.now() : countedAt);
    r.setUserId(c.user().userId());
    r.setCreatedAt(c.now());
    r.setIsDeleted(false);
    BigDecimal current = ledger.level(c, itemId, location.getId());
    r.setCurrentQuantity(current);
    if (current.compareTo(expected) == 0) {
      r.setStatus(APPLIED);
      r.setMovementId(adjust(c, r, counted.subtract(current)));
    } else {
      r.setStatus(CONFLICT);
    }
    save(c, r, true);
    return result(c, r);
  }

  private MutationResult settle(MutationContext c, StockCountsRecord r) {
    if (r == null) {
      throw new Rejection("unknown_count", "no count with id " + c.id());
    }
    if (!c.user().isAdmin() && !c.user().userId().equals(r.getUserId())) {
      throw new Rejection("forbidden", "only the counter (or an admin) settles a count");
    }
    String resolution = c.data().keyword("resolution", 32);
    String target =
        switch (resolution) {
          case "apply_anyway" -> APPLIED;
          case "discard" -> DISCARDED;
          default ->
              throw Rejection.invalid(
                  "resolution must be apply_anyway or discard, not " + resolution);
        };
    if (!CONFLICT.equals(r.getStatus())) {
      if (r.getStatus().equals(target)) {
        return result(c, r);
      }
      throw new Rejection("invalid_state", "the count is already " + r.getStatus());
    }
    if (target.equals(APPLIED)) {
      BigDecimal current = ledger.level(c, r.getItemId(), r.getLocationId());
      r.setCurrentQuantity(current);
      r.setMovementId(adjust(c, r, r.getCountedQuantity().subtract(current)));
    }
    r.setStatus(target);
    save(c, r, false);
    return result(c, r);
  }

  /**
   * Records the adjustment movement of {@code delta}; {@code null} when there is nothing to move.
   */
  private UUID adjust(MutationContext c, StockCountsRecord count, BigDecimal delta) {
    if (delta.signum() == 0) {
      return null;
    }
    boolean found = delta.signum() > 0;
    StockMovementsRecord m =
        ledger.record(
            c,
            new StockLedger.NewMovement(
                c.ids().next(),
                count.getSiteId(),
                count.getItemId(),
                found ? null : count.getLocationId(),
                found ? count.getLocationId() : null,
                delta.abs(),
                MovementReason.COUNT,
                "count " + count.getId(),
                c.now(),
                c.user().userId()));
    return m.getId();
  }

  private void save(MutationContext c, StockCountsRecord r, boolean insert) {
    long version = c.tx().nextVersion();
    r.setVersion(version);
    r.setUpdatedAt(c.now());
    if (insert) {
      r.insert();
    } else {
      r.update();
    }
    c.tx().changed(EntityType.STOCK_COUNTS, r.getSiteId(), version);
  }

  private static MutationResult result(MutationContext c, StockCountsRecord r) {
    if (CONFLICT.equals(r.getStatus())) {
      return MutationResult.conflict(
          c.key(),
          RowRecords.count(r),
          "stock moved since the count began: expected "
              + RowRecords.quantity(r.getExpectedQuantity()).toPlainString()
              + ", the level is "
              + RowRecords.quantity(r.getCurrentQuantity()).toPlainString(),
          null);
    }
    return MutationResult.accepted(c.key(), r.getId(), r.getVersion(), RowRecords.count(r));
  }
}
