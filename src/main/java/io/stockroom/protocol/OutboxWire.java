package io.stockroom.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.QueuedMutation;
import io.stockroom.domain.WireTime;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a queued mutation's stored payload back into its wire form. The store keeps each payload in
 * the wire's own names ({@code data}, {@code field_clock}, {@code client_version}, {@code
 * client_updated_at}), so the queue is sent as it was written; this is the one place that reads it.
 */
public final class OutboxWire {

  private final JsonCodec codec;

  public OutboxWire(JsonCodec codec) {
    this.codec = codec;
  }

  /** The outbox row in wire form. */
  public Mutation toWire(QueuedMutation m) {
    JsonNode payload;
    try {
      payload = codec.mapper().readTree(m.payload());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable queued payload of " + m.id(), e);
    }
    ObjectNode data =
        payload.get("data") instanceof ObjectNode o ? o : codec.mapper().createObjectNode();
    Map<String, String> fieldClock = null;
    JsonNode fc = payload.get("field_clock");
    if (fc != null && fc.isObject()) {
      fieldClock = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : fc.properties()) {
        fieldClock.put(e.getKey(), e.getValue().asText());
      }
    }
    Long clientVersion =
        payload.hasNonNull("client_version") ? payload.get("client_version").asLong() : null;
    Instant updatedAt =
        payload.hasNonNull("client_updated_at")
            ? WireTime.parse(payload.get("client_updated_at").asText())
            : null;
    return new Mutation(
        m.idempotencyKey(),
        m.entityType().wireName(),
        m.action().wireName(),
        m.entityId(),
        data,
        m.baseVersion(),
        clientVersion,
        updatedAt,
        fieldClock);
  }
}
