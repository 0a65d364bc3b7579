package io.stockroom.domain;

import java.util.Arrays;
import java.util.Optional;

/** The synced entities, by their wire names, in the order a sync pushes them (parents first). */
public enum EntityType {
  SITES("sites"),
  LOCATIONS("locations"),
  ITEMS("items"),
  ITEM_NOTES("item_notes"),
  STOCK_MOVEMENTS("stock_movements"),
  STOCK_LEVELS("stock_levels"),
  STOCK_COUNTS("stock_counts");

  private final String wireName;

  EntityType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<EntityType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
