package io.stockroom.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.Quantities;
import io.stockroom.protocol.WireTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Typed, checked reads of a mutation's {@code data}. A wrong type or an out-of-range value throws a
 * {@link Rejection} with code {@code validation_failed} naming the field.
 */
public final class Data {

  private final ObjectNode node;

  public Data(ObjectNode node) {
    this.node = node;
  }

  /** Whether the field is present at all (an explicit null counts as present). */
  public boolean has(String field) {
    return node != null && node.has(field);
  }

  /** Text of at most {@code max} characters, stripped; blank or null gives {@code null}. */
  public String text(String field, int max, boolean multiLine) {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw Rejection.invalid(field + " must be text");
    }
    String s = v.textValue().strip();
    if (s.isEmpty()) {
      return null;
    }
    if (s.length() > max) {
      throw Rejection.invalid(field + " is longer than " + max + " characters");
    }
    checkCharacters(field, s, multiLine);
    return s;
  }

  public String requiredText(String field, int max, boolean multiLine) {
    String s = text(field, max, multiLine);
    if (s == null) {
      throw Rejection.invalid(field + " is required");
    }
    return s;
  }

  public UUID uuid(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw Rejection.invalid(field + " must be a UUID string");
    }
    String s = v.textValue();
    if (s.length() != 36) {
      throw Rejection.invalid(field + " is not a UUID");
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid(field + " is not a UUID");
    }
  }

  public UUID requiredUuid(String field) {
    UUID id = uuid(field);
    if (id == null) {
      throw Rejection.invalid(field + " is required");
    }
    return id;
  }

  /** A quantity: a JSON number (or numeric text) with at most three decimals. */
  public BigDecimal quantity(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    String text;
    if (v.isNumber()) {
      text = v.decimalValue().toPlainString();
    } else if (v.isTextual() && v.textValue().length() <= 40) {
      text = v.textValue();
    } else {
      throw Rejection.invalid(field + " must be a number");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw Rejection.invalid(field + " must be a number");
    }
    if (value.abs().compareTo(new BigDecimal("999999999999")) > 0) {
      throw Rejection.invalid(field + " is too large");
    }
    if (value.stripTrailingZeros().scale() > Quantities.SCALE) {
      throw Rejection.invalid(field + " has more than three decimals");
    }
    return value.setScale(Quantities.SCALE, java.math.RoundingMode.UNNECESSARY);
  }

  public BigDecimal requiredQuantity(String field) {
    BigDecimal q = quantity(field);
    if (q == null) {
      throw Rejection.invalid(field + " is required");
    }
    return q;
  }

  /** A whole number between 0 and {@link Integer#MAX_VALUE}. */
  public Integer nonNegativeInt(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw Rejection.invalid(field + " must be a whole number");
    }
    int i = v.intValue();
    if (i < 0) {
      throw Rejection.invalid(field + " cannot be negative");
    }
    return i;
  }

  public Instant instant(String field) {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.textValue().length() > 40) {
      throw Rejection.invalid(field + " must be an ISO-8601 timestamp");
    }
    try {
      Instant t = WireTime.parse(v.textValue());
      if (t.getEpochSecond() < 0 || t.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
        throw Rejection.invalid(field + " is out of range");
      }
      return t;
    } catch (DateTimeParseException e) {
      throw Rejection.invalid(field + " must be an ISO-8601 timestamp");
    }
  }

  private JsonNode value(String field) {
    if (node == null) {
      return null;
    }
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  /**
   * Refuses characters no database column should hold: NUL and other controls (tab and line breaks
   * only in multi-line text) and unpaired surrogates.
   */
  static void checkCharacters(String field, String s, boolean multiLine) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        if (!(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
          throw Rejection.invalid(field + " contains a control character");
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw Rejection.invalid(field + " contains an unpaired surrogate");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw Rejection.invalid(field + " contains an unpaired surrogate");
      }
    }
  }
}
