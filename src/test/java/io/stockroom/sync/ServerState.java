package io.stockroom.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.server.TestServer;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server holds, read over the protocol as the demo user. {@link #refresh()} pulls only
 * what changed since the last read, so a long run does not read everything again per seed.
 */
final class ServerState {
  final Map<String, String> items = new TreeMap<>();
  final List<JsonNode> movements = new ArrayList<>();
  final Map<String, BigDecimal> levels = new TreeMap<>();
  final Map<String, JsonNode> counts = new TreeMap<>();
  private final TestServer server;
  private final Map<String, JsonNode> movementsById = new LinkedHashMap<>();
  private final Map<String, String> levelKeys = new HashMap<>();
  private final Map<String, String> cursors = new HashMap<>();
  private String token;

  ServerState(TestServer server) {
    this.server = server;
  }

  static ServerState read(TestServer server) {
    return new ServerState(server).refresh();
  }

  ServerState refresh() {
    if (token == null) {
      token = server.login("demo", "demo");
    }
    java.util.Set<String> deleted = new java.util.HashSet<>();
    for (JsonNode it : changes("items", deleted)) {
      String id = it.get("id").asText();
      if (it.path("is_deleted").asBoolean(false)) {
        items.remove(id);
        continue;
      }
      items.put(
          id,
          it.get("sku").asText()
              + "|"
              + it.get("name").asText()
              + "|"
              + (it.get("category").isNull() ? null : it.get("category").asText())
              + "|"
              + it.get("reorder_point").asInt());
    }
    deleted.forEach(items::remove);
    deleted.clear();
    for (JsonNode m : changes("stock_movements", deleted)) {
      movementsById.put(m.get("id").asText(), m);
    }
    deleted.forEach(movementsById::remove);
    deleted.clear();
    movements.clear();
    movements.addAll(movementsById.values());
    for (JsonNode lv : changes("stock_levels", deleted)) {
      String key = lv.get("item_id").asText() + "|" + lv.get("location_id").asText();
      BigDecimal q = lv.get("quantity").decimalValue();
      levelKeys.put(lv.get("id").asText(), key);
      if (q.signum() != 0) {
        levels.put(key, q.stripTrailingZeros());
      } else {
        levels.remove(key);
      }
    }
    for (String id : deleted) {
      String key = levelKeys.remove(id);
      if (key != null) {
        levels.remove(key);
      }
    }
    deleted.clear();
    for (JsonNode k : changes("stock_counts", deleted)) {
      counts.put(k.get("id").asText(), k);
    }
    deleted.forEach(counts::remove);
    return this;
  }

  Map<String, String> itemsWithSkuPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    items.forEach(
        (id, v) -> {
          if (v.startsWith(prefix)) {
            out.put(id, v);
          }
        });
    return out;
  }

  List<String> movementIds() {
    return movements.stream().map(m -> m.get("id").asText()).sorted().toList();
  }

  List<String> movementIdsOf(java.util.Set<String> itemIds) {
    return movements.stream()
        .filter(m -> itemIds.contains(m.get("item_id").asText()))
        .map(m -> m.get("id").asText())
        .sorted()
        .toList();
  }

  Map<String, BigDecimal> levelsOf(java.util.Set<String> itemIds) {
    Map<String, BigDecimal> out = new TreeMap<>();
    levels.forEach(
        (k, v) -> {
          if (itemIds.contains(k.substring(0, k.indexOf('|')))) {
            out.put(k, v);
          }
        });
    return out;
  }

  Map<String, String> countStatuses(java.util.Set<String> itemIds) {
    Map<String, String> out = new TreeMap<>();
    counts.forEach(
        (id, k) -> {
          if (itemIds.contains(k.get("item_id").asText())) {
            out.put(id, k.get("status").asText());
          }
        });
    return out;
  }

  Map<String, BigDecimal> levelsFromMovements() {
    Map<String, BigDecimal> sum = new HashMap<>();
    for (JsonNode m : movements) {
      BigDecimal q = m.get("quantity").decimalValue();
      String item = m.get("item_id").asText();
      if (!m.get("to_location_id").isNull()) {
        sum.merge(item + "|" + m.get("to_location_id").asText(), q, BigDecimal::add);
      }
      if (!m.get("from_location_id").isNull()) {
        sum.merge(item + "|" + m.get("from_location_id").asText(), q.negate(), BigDecimal::add);
      }
    }
    Map<String, BigDecimal> out = new TreeMap<>();
    sum.forEach(
        (k, v) -> {
          if (v.signum() != 0) {
            out.put(k, v.stripTrailingZeros());
          }
        });
    return out;
  }

  /** Records changed since the last read; ids deleted since then go to {@code deleted}. */
  private List<JsonNode> changes(String entity, java.util.Set<String> deleted) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = cursors.getOrDefault(entity, "");
    while (true) {
      JsonNode page =
          server
              .get(
                  "/api/sync/pull?entity="
                      + entity
                      + "&limit=1000&since="
                      + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                  token)
              .json();
      page.get("records").forEach(out::add);
      page.path("deletions").forEach(d -> deleted.add(d.asText()));
      cursor = page.get("cursor").asText();
      if (!page.get("has_more").asBoolean()) {
        cursors.put(entity, cursor);
        return out;
      }
    }
  }
}
