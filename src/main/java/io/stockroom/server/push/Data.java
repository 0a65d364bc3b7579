package io.stockroom.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.Quantities;
import io.stockroom.domain.TextField;
import io.stockroom.domain.ValidationException;
import io.stockroom.domain.WireTime;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/**
 * Typed, checked reads of a mutation's {@code data}. A wrong type or an out-of-range value throws a
 * {@link Rejection} with code {@code validation_failed} naming the field.
 */
public final class Data {

  /** The latest instant a record may carry (four-digit years). */
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final ObjectNode node;

  public Data(ObjectNode node) {
    this.node = node;
  }

  /** Whether the field is present at all (an explicit null counts as present). */
  public boolean has(String field) {
    return node != null && node.has(field);
  }

  /**
   * A text field by the domain's one rule ({@link TextField}): stripped, blank or null gives {@code
   * null}, too long or with control characters is refused.
   */
  public String text(TextField f) {
    return text(f.wireName(), f);
  }

  /** The same rule, read from a field of another name. */
  public String text(String field, TextField f) {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw Rejection.invalid(field + " must be text");
    }
    try {
      return f.check(v.textValue());
    } catch (ValidationException e) {
      throw Rejection.invalid(field + ": " + e.getMessage());
    }
  }

  public String requiredText(TextField f) {
    String s = text(f);
    if (s == null) {
      throw Rejection.invalid(f.wireName() + " is required");
    }
    return s;
  }

  /** A short keyword (an action's reason, a resolution): one line, at most {@code max}. */
  public String keyword(String field, int max) {
    JsonNode v = value(field);
    if (v == null || (v.isTextual() && v.textValue().isBlank())) {
      throw Rejection.invalid(field + " is required");
    }
    if (!v.isTextual()) {
      throw Rejection.invalid(field + " must be text");
    }
    String s = v.textValue().strip();
    if (s.length() > max) {
      throw Rejection.invalid(field + " is longer than " + max + " characters");
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

  /**
   * A quantity: a JSON number (or numeric text), checked by the domain's one rule ({@link
   * Quantities#check}) before any arithmetic.
   */
  public BigDecimal quantity(String field) {
    return quantity(field, Quantities::check);
  }

  public BigDecimal requiredQuantity(String field) {
    return required(field, quantity(field));
  }

  /** A required quantity above zero, by the domain's rule ({@link Quantities#positive}). */
  public BigDecimal positiveQuantity(String field) {
    return required(field, quantity(field, Quantities::positive));
  }

  /** A required quantity of zero or more ({@link Quantities#nonNegative}). */
  public BigDecimal nonNegativeQuantity(String field) {
    return required(field, quantity(field, Quantities::nonNegative));
  }

  private static BigDecimal required(String field, BigDecimal q) {
    if (q == null) {
      throw Rejection.invalid(field + " is required");
    }
    return q;
  }

  private BigDecimal quantity(
      String field, java.util.function.BiFunction<String, BigDecimal, BigDecimal> rule) {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    try {
      if (v.isNumber()) {
        return rule.apply(field, v.decimalValue());
      }
      if (v.isTextual()) {
        return rule.apply(field, Quantities.parse(field, v.textValue()));
      }
    } catch (ValidationException e) {
      throw Rejection.invalid(field + ": " + e.getMessage());
    }
    throw Rejection.invalid(field + " must be a number");
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
      if (t.getEpochSecond() < 0 || t.isAfter(LATEST)) {
        throw Rejection.invalid(field + " is out of range");
      }
      return t;
    } catch (DateTimeException e) { // an impossible date too: the client's mistake
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
}
