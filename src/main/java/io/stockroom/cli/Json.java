package io.stockroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockroom.json.JsonMapping;
import java.io.UncheckedIOException;

/**
 * JSON output of the {@code --json} flags: snake_case keys, ISO-8601 instants, on the one mapper.
 */
final class Json {

  private static final ObjectMapper MAPPER = JsonMapping.MAPPER;

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static com.fasterxml.jackson.databind.node.ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static com.fasterxml.jackson.databind.node.ArrayNode array() {
    return MAPPER.createArrayNode();
  }
}
