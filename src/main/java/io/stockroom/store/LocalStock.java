package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.STOCK_COUNTS;
import static io.stockroom.store.jooq.Tables.STOCK_MOVEMENTS;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MovementFilter;
import io.stockroom.domain.MovementRequest;
import io.stockroom.domain.MutationAction;
import io.stockroom.domain.OnHand;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.StockCount;
import io.stockroom.domain.StockMovement;
import io.stockroom.domain.StockService;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.store.jooq.tables.records.ItemsRecord;
import io.stockroom.store.jooq.tables.records.LocationsRecord;
import io.stockroom.store.jooq.tables.records.StockCountsRecord;
import io.stockroom.store.jooq.tables.records.StockMovementsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The stock ledger on the local database. A movement is a physical fact: it is validated for shape
 * (item, locations, quantity) but never refused for the stock it leaves behind.
 */
final class LocalStock implements StockService {

  private final Tx tx;
  private final IdGenerator ids;
  private final Stamps stamps;
  private final MutationQueue queue;
  private final ItemRepository items;
  private final StockRepository stock;

  LocalStock(
      Tx tx,
      IdGenerator ids,
      Stamps stamps,
      MutationQueue queue,
      ItemRepository items,
      StockRepository stock) {
    this.tx = tx;
    this.ids = ids;
    this.stamps = stamps;
    this.queue = queue;
    this.items = items;
    this.stock = stock;
  }

  @Override
  public StockMovement record(MovementRequest request) {
    MovementRequest r = request.validate();
    BigDecimal quantity = Quantities.positive("quantity", r.quantity());
    return tx.write(
        t -> {
          ItemsRecord item = items.fetchLive(t, r.itemId());
          LocationsRecord from =
              r.fromCode() == null ? null : LocationRepository.require(t, r.fromCode(), "from");
          LocationsRecord to =
              r.toCode() == null ? null : LocationRepository.require(t, r.toCode(), "to");
          Instant now = stamps.now();
          StockMovementsRecord m = t.newRecord(STOCK_MOVEMENTS);
          m.setId(ids.next());
          m.setCreatedAt(now);
          m.setUpdatedAt(now);
          m.setIsDeleted(false);
          m.setVersion(1L);
          m.setSyncStatus(SyncStatus.PENDING.dbValue());
          m.setSiteId(LocationRepository.currentSite(t).id());
          m.setItemId(item.getId());
          m.setFromLocationId(from == null ? null : from.getId());
          m.setToLocationId(to == null ? null : to.getId());
          m.setQuantity(quantity);
          m.setReason(r.reason().wireName());
          m.setReference(r.reference());
          m.setOccurredAt(now);
          stock.insertMovement(t, m);
          Payloads.Data data =
              new Payloads.Data()
                  .put("site_id", m.getSiteId())
                  .put("item_id", m.getItemId())
                  .put("from_location_id", m.getFromLocationId())
                  .put("to_location_id", m.getToLocationId())
                  .put("quantity", quantity)
                  .put("reason", m.getReason())
                  .put("reference", m.getReference())
                  .put("occurred_at", now);
          queue.enqueue(
              t,
              EntityType.STOCK_MOVEMENTS,
              MutationAction.CREATE,
              m.getId(),
              Payloads.payload(data, null, 1, now),
              null);
          return new StockMovement(
              m.getId(),
              item.getId(),
              item.getSku(),
              item.getName(),
              m.getFromLocationId(),
              from == null ? null : from.getCode(),
              m.getToLocationId(),
              to == null ? null : to.getCode(),
              quantity,
              r.reason(),
              r.reference(),
              now,
              SyncStatus.PENDING);
        });
  }

  @Override
  public StockCount count(UUID itemId, String locationCode, BigDecimal counted) {
    BigDecimal c = Quantities.nonNegative("quantity", counted);
    String code = SearchText.query(locationCode);
    if (code == null) {
      throw new ValidationException("location", "A count needs the location counted.");
    }
    return tx.write(
        t -> {
          ItemsRecord item = items.fetchLive(t, itemId);
          LocationsRecord location = LocationRepository.require(t, code);
          BigDecimal expected = onHand(t, item.getId(), location.getId());
          Instant now = stamps.now();
          StockCountsRecord r = t.newRecord(STOCK_COUNTS);
          r.setId(ids.next());
          r.setCreatedAt(now);
          r.setUpdatedAt(now);
          r.setIsDeleted(false);
          r.setVersion(1L);
          r.setSyncStatus(SyncStatus.PENDING.dbValue());
          r.setSiteId(location.getSiteId());
          r.setItemId(item.getId());
          r.setLocationId(location.getId());
          r.setCountedQuantity(c);
          r.setExpectedQuantity(expected);
          r.setCountedAt(now);
          stock.insertCount(t, r);
          Payloads.Data data =
              new Payloads.Data()
                  .put("site_id", r.getSiteId())
                  .put("item_id", r.getItemId())
                  .put("location_id", r.getLocationId())
                  .put("counted_quantity", c)
                  .put("expected_quantity", expected)
                  .put("counted_at", now);
          queue.enqueue(
              t,
              EntityType.STOCK_COUNTS,
              MutationAction.CREATE,
              r.getId(),
              Payloads.payload(data, null, 1, now),
              null);
          return StockRepository.toCount(r);
        });
  }

  @Override
  public List<OnHand> onHand(UUID itemId) {
    DSLContext ctx = tx.read();
    Map<UUID, BigDecimal> byLocation =
        Ledger.onHand(
            stock.levels(ctx, itemId, null),
            stock.moves(ctx, itemId, null),
            stock.pendingCorrections(ctx, itemId, null));
    if (byLocation.isEmpty()) {
      return List.of();
    }
    Map<UUID, String> codes = stock.codes(ctx, byLocation.keySet());
    return byLocation.entrySet().stream()
        .map(e -> new OnHand(e.getKey(), codes.get(e.getKey()), Quantities.normalize(e.getValue())))
        .sorted(
            Comparator.comparing(
                OnHand::locationCode, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER)))
        .toList();
  }

  @Override
  public Map<UUID, BigDecimal> onHandTotals(Collection<UUID> itemIds) {
    if (itemIds.isEmpty()) {
      return Map.of();
    }
    return stock.ledgers(tx.read(), itemIds).totals();
  }

  @Override
  public BigDecimal onHand(UUID itemId, UUID locationId) {
    return onHand(tx.read(), itemId, locationId);
  }

  private BigDecimal onHand(DSLContext ctx, UUID itemId, UUID locationId) {
    BigDecimal q =
        Ledger.onHand(
                stock.levels(ctx, itemId, locationId),
                stock.moves(ctx, itemId, locationId),
                stock.pendingCorrections(ctx, itemId, locationId))
            .getOrDefault(locationId, BigDecimal.ZERO);
    return Quantities.normalize(q);
  }

  @Override
  public List<StockMovement> activity(MovementFilter filter, int limit) {
    return stock.movements(tx.read(), filter, limit);
  }

  @Override
  public List<StockMovement> movements(UUID itemId, int limit) {
    return stock.movements(tx.read(), itemId, MovementFilter.NONE, limit);
  }

  @Override
  public List<StockCount> counts(UUID itemId) {
    return stock.counts(tx.read(), itemId);
  }
}
