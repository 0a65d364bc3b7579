package io.stockroom.domain;

import java.math.BigDecimal;

/** Parsing and display of stock quantities (up to three decimals, for weighed units). */
public final class Quantities {

  public static final int SCALE = 3;
  private static final BigDecimal MAX = new BigDecimal("999999999999999");

  private Quantities() {}

  /** Parses what a user typed as a quantity that must be greater than zero. */
  public static BigDecimal parsePositive(String field, String text) {
    BigDecimal value = parse(field, text);
    if (value.signum() <= 0) {
      throw new ValidationException(field, "Quantity must be greater than zero.");
    }
    return value;
  }

  /** Parses what a user typed as a quantity of zero or more (a count may find an empty bin). */
  public static BigDecimal parseNonNegative(String field, String text) {
    BigDecimal value = parse(field, text);
    if (value.signum() < 0) {
      throw new ValidationException(field, "Quantity cannot be negative.");
    }
    return value;
  }

  private static BigDecimal parse(String field, String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new ValidationException(field, "Quantity is required.");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new ValidationException(field, "Quantity must be a number, not \"" + t + "\".");
    }
    if (value.scale() > SCALE && value.stripTrailingZeros().scale() > SCALE) {
      throw new ValidationException(field, "Quantity has more than three decimals.");
    }
    if (value.abs().compareTo(MAX) > 0) {
      throw new ValidationException(field, "Quantity is too large.");
    }
    return normalize(value);
  }

  /** The canonical form stored and compared: scale 3. */
  public static BigDecimal normalize(BigDecimal value) {
    return value.setScale(SCALE, java.math.RoundingMode.UNNECESSARY);
  }

  /** For display: no trailing zeros, never scientific notation. */
  public static String format(BigDecimal value) {
    if (value == null) {
      return "";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    return stripped.toPlainString();
  }
}
