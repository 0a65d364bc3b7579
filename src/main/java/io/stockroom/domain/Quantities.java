package io.stockroom.domain;

import java.math.BigDecimal;

/**
 * The one rule for stock quantities (up to three decimals, for weighed units; at most twelve digits
 * before the point), used by the laptop before it queues a change and by the server when it reads
 * one. Magnitude and digits are checked on the number's representation before any arithmetic, so a
 * value like {@code 1e2100000000} is refused in constant time instead of expanded.
 */
public final class Quantities {

  public static final int SCALE = 3;

  /** Digits before the decimal point: sums of many such quantities still fit DECIMAL(18,3). */
  public static final int MAX_INTEGER_DIGITS = 12;

  /** Longest text accepted as a quantity (digits, sign, point, exponent). */
  public static final int MAX_TEXT = 40;

  /** Digits of a number read from JSON are bounded by the parser; this bounds them here too. */
  private static final int MAX_PRECISION = 64;

  private Quantities() {}

  /** Parses what a user typed as a quantity that must be greater than zero. */
  public static BigDecimal parsePositive(String field, String text) {
    return positive(field, parse(field, text));
  }

  /** Parses what a user typed as a quantity of zero or more (a count may find an empty bin). */
  public static BigDecimal parseNonNegative(String field, String text) {
    return nonNegative(field, parse(field, text));
  }

  /** A checked quantity that must be greater than zero. */
  public static BigDecimal positive(String field, BigDecimal value) {
    BigDecimal v = check(field, value);
    if (v.signum() <= 0) {
      throw new ValidationException(field, "Quantity must be greater than zero.");
    }
    return v;
  }

  /** A checked quantity of zero or more. */
  public static BigDecimal nonNegative(String field, BigDecimal value) {
    BigDecimal v = check(field, value);
    if (v.signum() < 0) {
      throw new ValidationException(field, "Quantity cannot be negative.");
    }
    return v;
  }

  /** Parses quantity text (at most {@link #MAX_TEXT} characters) and applies {@link #check}. */
  public static BigDecimal parse(String field, String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new ValidationException(field, "Quantity is required.");
    }
    if (t.length() > MAX_TEXT) {
      throw new ValidationException(
          field, "Quantity is longer than " + MAX_TEXT + " characters: not a quantity.");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new ValidationException(field, "Quantity must be a number, not \"" + t + "\".");
    }
    return check(field, value);
  }

  /**
   * Checks a quantity's size and decimals and returns it in the canonical form (scale 3). Only
   * {@code precision()} and {@code scale()} are read before the bounds hold, so no input makes this
   * slow or large.
   */
  public static BigDecimal check(String field, BigDecimal value) {
    if (value == null) {
      throw new ValidationException(field, "Quantity is required.");
    }
    if (value.signum() == 0) {
      return BigDecimal.ZERO.setScale(SCALE);
    }
    long integerDigits = (long) value.precision() - value.scale();
    if (integerDigits > MAX_INTEGER_DIGITS) {
      throw new ValidationException(
          field,
          "Quantity is too large (at most " + MAX_INTEGER_DIGITS + " digits before the point).");
    }
    if (value.precision() > MAX_PRECISION || value.scale() > MAX_PRECISION) {
      throw new ValidationException(field, "Quantity has more than three decimals.");
    }
    if (value.scale() > SCALE && value.stripTrailingZeros().scale() > SCALE) {
      throw new ValidationException(field, "Quantity has more than three decimals.");
    }
    return normalize(value);
  }

  /** The canonical form stored and compared: scale 3. */
  public static BigDecimal normalize(BigDecimal value) {
    return value.setScale(SCALE, java.math.RoundingMode.UNNECESSARY);
  }

  /** For display: no trailing zeros, never scientific notation. */
  public static String format(BigDecimal value) {
    return value == null ? "" : stripped(value).toPlainString();
  }

  /** Without trailing zeros and never with a negative scale: {@code 5}, {@code 2.5}; null stays. */
  public static BigDecimal stripped(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
