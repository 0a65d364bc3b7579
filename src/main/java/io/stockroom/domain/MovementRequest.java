package io.stockroom.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A stock movement as a user asks for it, with locations by code. A receive names {@code toCode}, a
 * pick {@code fromCode}, a transfer both; an adjust names one of them (to: found more, from: lost
 * some).
 */
public record MovementRequest(
    UUID itemId,
    MovementReason reason,
    String fromCode,
    String toCode,
    BigDecimal quantity,
    String reference) {

  /** Checks which locations the reason needs; does not look them up. */
  public MovementRequest validate() {
    if (itemId == null) {
      throw new ValidationException("item", "Choose an item.");
    }
    if (reason == null) {
      throw new ValidationException(
          "reason", "Choose what happened: receive, pick, transfer or adjust.");
    }
    if (quantity == null || quantity.signum() <= 0) {
      throw new ValidationException("quantity", "Quantity must be greater than zero.");
    }
    String from = ItemDraft.blankToNull(fromCode);
    String to = ItemDraft.blankToNull(toCode);
    switch (reason) {
      case RECEIVE -> require(to, "to", "Receiving needs the location the stock goes to.");
      case PICK -> require(from, "from", "Picking needs the location the stock comes from.");
      case TRANSFER -> {
        require(from, "from", "A transfer needs the location the stock comes from.");
        require(to, "to", "A transfer needs the location the stock goes to.");
        if (from.equalsIgnoreCase(to)) {
          throw new ValidationException("to", "A transfer needs two different locations.");
        }
      }
      case ADJUST, COUNT -> {
        if ((from == null) == (to == null)) {
          throw new ValidationException(
              "to", "An adjustment names one location: where stock was found or lost.");
        }
      }
    }
    return new MovementRequest(
        itemId,
        reason,
        TextField.LOCATION_CODE.check(from),
        TextField.LOCATION_CODE.check(to),
        quantity,
        TextField.REFERENCE.check(reference));
  }

  private static void require(String value, String field, String message) {
    if (value == null) {
      throw new ValidationException(field, message);
    }
  }
}
