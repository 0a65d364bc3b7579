package io.stockroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** Finds one stock level by pulling every page. */
final class PushPolicyTestLevels {

  private PushPolicyTestLevels() {}

  static JsonNode level(TestServer server, String token, UUID item, String location) {
    String cursor = "";
    JsonNode found = null;
    while (true) {
      JsonNode page =
          server.get("/api/sync/pull?entity=stock_levels&limit=1000&since=" + cursor, token).json();
      for (JsonNode r : page.get("records")) {
        if (r.get("item_id").asText().equals(item.toString())
            && r.get("location_id").asText().equals(location)) {
          found = r;
        }
      }
      cursor = page.get("cursor").asText();
      if (!page.get("has_more").asBoolean()) {
        return found;
      }
    }
  }
}
