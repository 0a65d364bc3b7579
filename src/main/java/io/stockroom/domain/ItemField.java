package io.stockroom.domain;

import java.util.Arrays;
import java.util.Optional;

/** The catalog fields of an item, by wire name; each carries its own HLC stamp. */
public enum ItemField {
  SKU("sku"),
  BARCODE("barcode"),
  NAME("name"),
  DESCRIPTION("description"),
  UNIT("unit"),
  CATEGORY("category"),
  REORDER_POINT("reorder_point");

  private final String wireName;

  ItemField(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ItemField> fromWireName(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
  }
}
