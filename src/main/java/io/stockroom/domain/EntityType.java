package io.stockroom.domain;

import java.util.Arrays;
import java.util.Optional;

/** The synced entities, by their wire names, in the order a sync pushes them (parents first). */
public enum EntityType {
  SITES("sites", "site", "sites"),
  LOCATIONS("locations", "bin", "bins"),
  ITEMS("items", "item", "items"),
  ITEM_NOTES("item_notes", "note", "notes"),
  STOCK_MOVEMENTS("stock_movements", "stock movement", "stock movements"),
  STOCK_LEVELS("stock_levels", "stock level", "stock levels"),
  STOCK_COUNTS("stock_counts", "count", "counts");

  private final String wireName;
  private final String word;
  private final String words;

  EntityType(String wireName, String word, String words) {
    this.wireName = wireName;
    this.word = word;
    this.words = words;
  }

  public String wireName() {
    return wireName;
  }

  /** One of these in the words a warehouse worker uses ("stock movement"), never the table's. */
  public String word() {
    return word;
  }

  /** Several of these in plain words ("stock movements"). */
  public String words() {
    return words;
  }

  public static Optional<EntityType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
