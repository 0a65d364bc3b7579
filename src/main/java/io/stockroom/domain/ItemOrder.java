package io.stockroom.domain;

/** The orders the items list can be sorted in (ties by SKU, which is unique). */
public enum ItemOrder {
  SKU,
  SKU_DESCENDING,
  NAME,
  NAME_DESCENDING,
  /** Least stock first: what runs out is found at the top. */
  ON_HAND,
  ON_HAND_DESCENDING;

  /** The same key, the other way round. */
  public ItemOrder reversed() {
    return switch (this) {
      case SKU -> SKU_DESCENDING;
      case SKU_DESCENDING -> SKU;
      case NAME -> NAME_DESCENDING;
      case NAME_DESCENDING -> NAME;
      case ON_HAND -> ON_HAND_DESCENDING;
      case ON_HAND_DESCENDING -> ON_HAND;
    };
  }

  public boolean descending() {
    return this == SKU_DESCENDING || this == NAME_DESCENDING || this == ON_HAND_DESCENDING;
  }

  /** The order of the same key ascending. */
  public ItemOrder ascending() {
    return descending() ? reversed() : this;
  }
}
