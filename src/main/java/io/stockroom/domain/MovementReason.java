package io.stockroom.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why stock moved. Which locations a movement names follows from the reason: a receive puts stock
 * into a location, a pick takes it out, a transfer does both, an adjust or count does either.
 */
public enum MovementReason {
  RECEIVE,
  PICK,
  TRANSFER,
  ADJUST,
  COUNT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<MovementReason> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }
}
