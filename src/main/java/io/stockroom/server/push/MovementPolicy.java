package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.ITEMS;
import static io.stockroom.server.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.TextField;
import io.stockroom.protocol.MutationResult;
import io.stockroom.server.store.jooq.tables.records.LocationsRecord;
import io.stockroom.server.store.jooq.tables.records.StockMovementsRecord;
import io.stockroom.server.wire.RowRecords;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Movements are an append-only ledger: create only, never a conflict, never refused for making
 * stock negative. A create of an id the server already holds answers with that movement and moves
 * nothing again.
 */
final class MovementPolicy implements EntityPolicy {

  private final Sites sites;
  private final StockLedger ledger;

  MovementPolicy(Sites sites, StockLedger ledger) {
    this.sites = sites;
    this.ledger = ledger;
  }

  @Override
  public MutationResult apply(MutationContext c) {
    if (c.action() != MutationAction.CREATE) {
      throw new Rejection("read_only", "stock movements are create-only");
    }
    StockMovementsRecord existing =
        c.dsl().selectFrom(STOCK_MOVEMENTS).where(STOCK_MOVEMENTS.ID.eq(c.id())).fetchOne();
    if (existing != null) {
      if (!c.user().canSee(existing.getSiteId())) {
        throw new Rejection("forbidden", "the movement belongs to another site");
      }
      return MutationResult.accepted(
          c.key(), existing.getId(), existing.getVersion(), RowRecords.movement(existing));
    }
    Data d = c.data();
    UUID itemId = d.requiredUuid("item_id");
    if (!c.dsl().fetchExists(ITEMS, ITEMS.ID.eq(itemId))) {
      throw new Rejection("unknown_item", "no item with id " + itemId);
    }
    String reasonText = d.keyword("reason", 16);
    MovementReason reason =
        MovementReason.fromWireName(reasonText)
            .orElseThrow(
                () ->
                    Rejection.invalid(
                        "reason must be receive, pick, transfer, adjust or count, not "
                            + reasonText));
    BigDecimal quantity = d.positiveQuantity("quantity");
    UUID fromId = d.uuid("from_location_id");
    UUID toId = d.uuid("to_location_id");
    if (fromId == null && toId == null) {
      throw Rejection.invalid("a movement names from_location_id, to_location_id or both");
    }
    if (fromId != null && fromId.equals(toId)) {
      throw Rejection.invalid("from_location_id and to_location_id must differ");
    }
    if (reason == MovementReason.TRANSFER && (fromId == null || toId == null)) {
      throw Rejection.invalid("a transfer names both from_location_id and to_location_id");
    }
    LocationsRecord from = fromId == null ? null : sites.location(c, fromId, "from_location_id");
    LocationsRecord to = toId == null ? null : sites.location(c, toId, "to_location_id");
    UUID siteId = (from != null ? from : to).getSiteId();
    if (from != null && to != null && !from.getSiteId().equals(to.getSiteId())) {
      throw Rejection.invalid("both locations must be in the same site");
    }
    UUID named = d.uuid("site_id");
    if (named != null && !named.equals(siteId)) {
      throw Rejection.invalid("site_id does not match the site of the locations");
    }
    if (!c.user().canSee(siteId)) {
      throw new Rejection("forbidden", "you do not work in that site");
    }
    Instant occurred = d.instant("occurred_at");
    StockMovementsRecord r =
        ledger.record(
            c,
            new StockLedger.NewMovement(
                c.id(),
                siteId,
                itemId,
                from == null ? null : from.getId(),
                to == null ? null : to.getId(),
                quantity,
                reason,
                d.text(TextField.REFERENCE),
                occurred == null ? c.now() : occurred,
                c.user().userId()));
    return MutationResult.accepted(c.key(), r.getId(), r.getVersion(), RowRecords.movement(r));
  }
}
