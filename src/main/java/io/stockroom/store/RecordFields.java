package io.stockroom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.WireTime;
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
    return s == null ? null : WireTime.parse(s);
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
