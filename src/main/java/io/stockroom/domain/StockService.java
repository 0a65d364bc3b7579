package io.stockroom.domain;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The stock ledger: movements, counts and the on-hand they add up to. */
public interface StockService {

  /**
   * Records an immutable movement and its outbox mutation in one transaction. Never refused for
   * making stock negative.
   *
   * @throws ValidationException for bad input or an unknown item or location
   */
  StockMovement record(MovementRequest request);

  /**
   * Records a cycle count of one item in one bin; the expected quantity is the on-hand the laptop
   * shows for that bin at this moment.
   *
   * @throws ValidationException for a negative count or an unknown item or location
   */
  StockCount count(UUID itemId, String locationCode, BigDecimal counted);

  /** On-hand of one item per location (locations with stock or movements only). */
  List<OnHand> onHand(UUID itemId);

  /**
   * Total on-hand of each of {@code itemIds} over every bin this laptop holds, by item id; an item
   * without stock or movements is absent. For a page of a list: one query per ledger table.
   */
  Map<UUID, BigDecimal> onHandTotals(Collection<UUID> itemIds);

  /** On-hand of one item in one location. */
  BigDecimal onHand(UUID itemId, UUID locationId);

  /** Latest movements first. */
  default List<StockMovement> activity(int limit) {
    return activity(MovementFilter.NONE, limit);
  }

  /** Latest movements that {@code filter} lets through, first. */
  List<StockMovement> activity(MovementFilter filter, int limit);

  /** Latest movements of one item first. */
  List<StockMovement> movements(UUID itemId, int limit);

  List<StockCount> counts(UUID itemId);
}
