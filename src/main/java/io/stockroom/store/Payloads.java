package io.stockroom.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.Hlc;
import io.stockroom.domain.ServerRecord;
import io.stockroom.domain.WireTime;
import io.stockroom.json.JsonMapping;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON of an outbox row, in PROTOCOL.md's wire names: {@code {"data": {...}, "field_clock":
 * {...}, "client_version": n, "client_updated_at": "..."}}. Also reads and merges the {@code
 * field_clock} column of items, which has the same shape as the payload's.
 */
final class Payloads {

  /** The one mapper ({@link JsonMapping}), for the JSON the store keeps in columns and files. */
  static final ObjectMapper JSON = JsonMapping.MAPPER;

  private Payloads() {}

  static String time(Instant instant) {
    return WireTime.format(instant);
  }

  /** A {@code data} object under construction; values are written in wire form. */
  static final class Data {
    final ObjectNode node = JsonNodeFactory.instance.objectNode();

    Data put(String field, Object value) {
      if (value == null) {
        node.putNull(field);
      } else if (value instanceof String s) {
        node.put(field, s);
      } else if (value instanceof Integer i) {
        node.put(field, i);
      } else if (value instanceof Long l) {
        node.put(field, l);
      } else if (value instanceof BigDecimal d) {
        node.put(field, d);
      } else if (value instanceof UUID u) {
        node.put(field, u.toString());
      } else if (value instanceof Instant t) {
        node.put(field, time(t));
      } else {
        throw new IllegalArgumentException("no wire form for " + value.getClass());
      }
      return this;
    }
  }

  static String payload(Data data, Map<String, Hlc> fieldClock, long version, Instant updatedAt) {
    return payload(data, fieldClock, version, updatedAt, null);
  }

  /**
   * A queued payload. {@code base}, when given, holds the last synced value of each changed field
   * (what the server had when this laptop last agreed with it): it stays local, never sent, and is
   * the "common base" a conflict dialog shows.
   */
  static String payload(
      Data data, Map<String, Hlc> fieldClock, long version, Instant updatedAt, Data base) {
    ObjectNode root = JSON.createObjectNode();
    root.set("data", data.node);
    if (base != null && !base.node.isEmpty()) {
      root.set("base", base.node);
    }
    if (fieldClock != null) {
      root.set("field_clock", clockNode(fieldClock));
    }
    root.put("client_version", version);
    root.put("client_updated_at", time(updatedAt));
    return write(root);
  }

  /**
   * Folds a later payload into an earlier queued one: later data values win, each field keeps the
   * newer stamp and the older base, client_version and client_updated_at come from the later one.
   */
  static String merge(String earlier, String later) {
    ObjectNode base = read(earlier);
    ObjectNode next = read(later);
    ((ObjectNode) base.get("data")).setAll((ObjectNode) next.get("data"));
    if (next.get("base") instanceof ObjectNode laterBase) {
      // The earlier payload's base is older, so it wins for fields both have.
      ObjectNode merged = base.get("base") instanceof ObjectNode b ? b : base.putObject("base");
      laterBase.properties().forEach(e -> merged.putIfAbsent(e.getKey(), e.getValue()));
    }
    if (next.has("field_clock")) {
      Map<String, Hlc> clock = fieldClock(base.get("field_clock"));
      mergeClock(clock, fieldClock(next.get("field_clock")));
      base.set("field_clock", clockNode(clock));
    }
    base.set("client_version", next.get("client_version"));
    base.set("client_updated_at", next.get("client_updated_at"));
    return write(base);
  }

  /** Parses a field clock column (or null) into wire field name -> stamp. */
  static Map<String, Hlc> fieldClock(String json) {
    return json == null ? new TreeMap<>() : fieldClock(read(json));
  }

  private static Map<String, Hlc> fieldClock(JsonNode node) {
    Map<String, Hlc> clock = new TreeMap<>();
    if (node != null) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        clock.put(e.getKey(), Hlc.parse(e.getValue().asText()));
      }
    }
    return clock;
  }

  /** Keeps the newer stamp per field. */
  static void mergeClock(Map<String, Hlc> into, Map<String, Hlc> from) {
    from.forEach((field, stamp) -> into.merge(field, stamp, Hlc::max));
  }

  static String clockJson(Map<String, Hlc> clock) {
    return write(clockNode(clock));
  }

  private static ObjectNode clockNode(Map<String, Hlc> clock) {
    ObjectNode node = JSON.createObjectNode();
    new TreeMap<>(clock).forEach((field, stamp) -> node.put(field, stamp.toString()));
    return node;
  }

  static ObjectNode read(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable stored JSON", e);
    }
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A server record as the store keeps it (a deferred record, a conflict's server side): in the
   * wire's names and forms, so that a row written by an earlier release, which kept the record as
   * it came, reads back alike.
   */
  static String recordText(ServerRecord record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kept server record of {@code type}, read back. */
  static ServerRecord record(String text, EntityType type) {
    try {
      return JSON.readValue(text, ServerRecord.typeOf(type));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable stored record", e);
    }
  }

  /** A text field of a queued payload's {@code data}, when it holds one. */
  static Optional<String> dataText(String payload, String field) {
    JsonNode value = read(payload).path("data").path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
