package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live poke names the entity that changed, and the laptop pulls only that: one request instead of
 * one per entity (issue 17, decision record 0045); when the poke carries the page that follows the
 * laptop's cursor, not even that (decision record 0049). Any other cycle still pulls everything.
 */
class LivePullTest {

  @TempDir Path tmp;
  TestServer server;
  LocalStore store;
  SyncAgent agent;
  final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The pulls among the requests the laptop made, by entity. */
  private List<String> pulled() {
    return requests.stream()
        .filter(p -> p.startsWith("/api/sync/pull"))
        .map(p -> p.replaceAll(".*entity=([a-z_]+).*", "$1"))
        .toList();
  }

  /** A server, and a laptop signed in to it, live, with a long interval (not started yet). */
  private void serverAndLiveLaptop(long seed) throws Exception {
    server = TestServer.start(tmp.resolve("server"), 3);
    store = LocalStore.open(tmp.resolve("laptop"), Clock.systemUTC(), IdGenerator.seeded(seed));
    agent =
        new SyncAgent(
            store,
            Clock.systemUTC(),
            SyncAgent.Options.defaults()
                .withTimers(Duration.ofHours(1), Duration.ofMillis(20))
                .withLive(true)
                .withTransports(
                    url -> {
                      HttpTransport http = new HttpTransport(url);
                      return request -> {
                        requests.add(request.path());
                        return http.send(request);
                      };
                    }));
    agent.signIn(server.url(), "demo", "demo");
  }

  /** Starts the agent and waits for its socket and its first cycle. */
  private void startAndAwaitLive() {
    agent.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.scheduler().status().liveConnected());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> agent.scheduler().status().state() == SyncStatus.State.ONLINE);
  }

  @Test
  void aPokePullsOnlyTheEntityItNames() throws Exception {
    serverAndLiveLaptop(45);
    startAndAwaitLive();
    // The start-up cycle pulled every entity.
    assertThat(pulled()).contains("sites", "items", "locations", "stock_levels");

    requests.clear();
    String token = server.login("demo", "demo");
    String sku = TestServer.sku("LIVE");
    server.push(
        token,
        TestServer.mutation("items", "create", UUID.randomUUID(), TestServer.item(sku, "Poked")));
    await().atMost(Duration.ofSeconds(30)).until(() -> store.catalog().findBySku(sku).isPresent());
    // The poke carried the page that follows this laptop's items cursor: no pull at all
    // (decision record 0049).
    assertThat(pulled()).isEmpty();
    String carried = store.sync().cursor(EntityType.ITEMS).orElseThrow();

    // A laptop whose cursor is not where the server believes (here: it has to pull items again
    // from the start) pulls.
    store.sync().beginRepull(EntityType.ITEMS);
    String other = TestServer.sku("LIVE");
    server.push(
        token,
        TestServer.mutation(
            "items", "create", UUID.randomUUID(), TestServer.item(other, "Poked again")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> store.catalog().findBySku(other).isPresent());
    assertThat(pulled()).containsOnly("items");
    assertThat(Long.parseLong(store.sync().cursor(EntityType.ITEMS).orElseThrow()))
        .isGreaterThan(Long.parseLong(carried));

    // Any other cycle still pulls every entity.
    requests.clear();
    assertThat(agent.runOnce().ok()).isTrue();
    assertThat(pulled()).contains("sites", "items", "locations", "stock_levels");
  }

  /**
   * Decision record 0056: what a poke brought is shown (the listeners hear of it) as soon as it is
   * applied, before the cycle pushes what this laptop has queued.
   */
  @Test
  void recordsArriveBeforeThePush() throws Exception {
    serverAndLiveLaptop(46);
    String sku = TestServer.sku("LIVE");
    List<String> heard = new CopyOnWriteArrayList<>();
    agent
        .scheduler()
        .addArrivalListener(
            () ->
                heard.add(
                    store.catalog().findBySku(sku).isPresent()
                        + " pending "
                        + store.outbox().pendingCount()));
    startAndAwaitLive();
    // Queued here and not announced to the agent: only the poke's cycle pushes it.
    store.catalog().create(io.stockroom.domain.ItemDraft.of(TestServer.sku("MINE"), "Mine"));
    heard.clear();

    String token = server.login("demo", "demo");
    server.push(
        token,
        TestServer.mutation("items", "create", UUID.randomUUID(), TestServer.item(sku, "Poked")));
    // Heard once with the server's item in and this laptop's still queued; then once more when the
    // push's answers are settled, with the pull of what the push changed (decision record 0050).
    // (The server's poke for this laptop's own push may bring a third.)
    await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() >= 2);
    assertThat(heard.subList(0, 2)).containsExactly("true pending 1", "true pending 0");
  }
}
