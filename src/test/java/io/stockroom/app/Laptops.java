package io.stockroom.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.SyncException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Laptop profiles under one folder, against one in-process server, for the app tests: each is
 * opened, changed and closed again before the app starts on one of them. A laptop signs in the
 * first time it goes {@link #online}; the test servers' users have their name as password.
 */
final class Laptops {

  private final Path dir;
  private final TestServer server;

  Laptops(Path dir, TestServer server) {
    this.dir = dir;
    this.server = server;
  }

  Path profile(String name) {
    return dir.resolve(name);
  }

  /** Runs {@code work} on the laptop, then one sync cycle; signs in as demo the first time. */
  void online(String name, Consumer<LocalStore> work) throws SyncException {
    online(name, "demo", work);
  }

  /** Runs {@code work} on the laptop, then one sync cycle; signs in as {@code user} if need be. */
  void online(String name, String user, Consumer<LocalStore> work) throws SyncException {
    try (LocalStore store = open(name)) {
      try (SyncAgent agent =
          new SyncAgent(
              store,
              Clock.systemUTC(),
              SyncAgent.Options.defaults()
                  .withTimers(Duration.ofHours(1), Duration.ofHours(1))
                  .withLive(false))) {
        if (agent.serverUrl().isEmpty()) {
          agent.signIn(server.url(), user, user);
        }
        work.accept(store);
        agent.runOnce();
      }
    }
  }

  /**
   * Signs the laptop in as {@code user} to the server at {@code url} (the server's own, or a relay
   * in front of it), without syncing: its first sync is left to the app.
   */
  void signIn(String name, String user, String url) throws SyncException {
    try (LocalStore store = open(name);
        SyncAgent agent = new SyncAgent(store, Clock.systemUTC(), SyncAgent.Options.defaults())) {
      agent.signIn(url, user, user);
    }
  }

  /** Changes the laptop without syncing, as it does offline. */
  void offline(String name, Consumer<LocalStore> work) {
    try (LocalStore store = open(name)) {
      work.accept(store);
    }
  }

  /** Reads from the laptop without syncing. */
  <T> T read(String name, Function<LocalStore, T> query) {
    try (LocalStore store = open(name)) {
      return query.apply(store);
    }
  }

  LocalStore open(String name) {
    return LocalStore.open(profile(name), Clock.systemUTC(), IdGenerator.secure());
  }

  /** Every record of {@code entity} the server serves the demo user now, page after page. */
  List<JsonNode> onServer(String entity) {
    String token = server.login("demo", "demo");
    List<JsonNode> out = new ArrayList<>();
    String cursor = "";
    boolean more = true;
    while (more) {
      JsonNode page =
          server
              .get(
                  "/api/sync/pull?entity="
                      + entity
                      + "&limit=500&since="
                      + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                  token)
              .json();
      page.get("records").forEach(out::add);
      cursor = page.get("cursor").asText();
      more = page.get("has_more").asBoolean();
    }
    return out;
  }

  static Item sku(LocalStore s, String sku) {
    return s.catalog().findBySku(sku).orElseThrow();
  }

  /** The item's fields with another name and category. */
  static ItemDraft with(Item i, String name, String category) {
    ItemDraft d = i.toDraft();
    return new ItemDraft(
        d.sku(), d.barcode(), name, d.description(), d.unit(), category, d.reorderPoint());
  }
}
