package io.stockroom.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads the fields of a server record as the store's columns want them: text, ids, quantities at
 * scale 3 and instants. A missing field and JSON null read alike.
 */
final class RecordFields {

  private RecordFields() {}

  static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static UUID uuid(JsonNode r, String field) {
    String s = text(r, field);
    return s == null ? null : UUID.fromString(s);
  }

  static BigDecimal decimal(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || v.isNull()) {
      return BigDecimal.ZERO;
    }
    return (v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText()))
        .setScale(3, java.math.RoundingMode.UNNECESSARY);
  }

  static Instant instant(JsonNode r, String field) {
    String s = text(r, field);
    return s == null ? null : parseInstant(s);
  }

  /**
   * An ISO-8601 instant. The form the server sends ({@code 2026-04-09T10:00:00.000Z}) is read by
   * hand: {@link Instant#parse} on the two stamps of every record was a tenth of a first sync's
   * local apply. Anything else goes to {@link Instant#parse}; an impossible date fails either way.
   */
  static Instant parseInstant(String s) {
    if (s.length() != 24
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != '.'
        || s.charAt(23) != 'Z') {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int millis = digits(s, 20, 3);
    if ((year | month | day | hour | minute | second | millis) < 0) {
      return Instant.parse(s); // not all digits: let it say what is wrong
    }
    return java.time.LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
        .toInstant(java.time.ZoneOffset.UTC);
  }

  /** The number in {@code s} at {@code from}, {@code count} ASCII digits long, or -1. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
