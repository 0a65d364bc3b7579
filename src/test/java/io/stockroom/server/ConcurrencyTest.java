package io.stockroom.server;

import static io.stockroom.server.TestServer.CODEC;
import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several threads push (item creates and edits, movements that bump stock levels) while others page
 * through pulls with their cursors. Every pull sequence must end holding exactly the server's final
 * state: no change skipped, no record delivered twice at the same version.
 */
class ConcurrencyTest {

  private static final String[] ENTITIES = {"items", "stock_levels", "stock_movements"};

  @Test
  void pullsNeverSkipOrRepeatWhileOthersPush(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      pushAndPullAtOnce(List.of(server));
    }
  }

  /**
   * Issue 19: the same with two server processes on one PostgreSQL, the pushers on either and each
   * puller's requests alternating between them: versions stay in commit order across processes.
   */
  @Test
  void pullsNeverSkipOrRepeatWhilePushesGoThroughTwoProcesses(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestServer.onPostgres(), "needs PostgreSQL");
    try (TestServer a = TestServer.start(dir);
        TestServer b = a.peer()) {
      pushAndPullAtOnce(List.of(a, b));
    }
  }

  private static void pushAndPullAtOnce(List<TestServer> servers) throws Exception {
    TestServer server = servers.get(0);
    String token = server.login("demo", "demo");
    List<String> bins = server.locationIds(token, 5);
    int pushers = 4;
    int pullers = 3;
    int batchesPerPusher = 25;
    ExecutorService pool = Executors.newFixedThreadPool(pushers + pullers);
    AtomicBoolean pushing = new AtomicBoolean(true);
    List<Future<?>> pushes = new ArrayList<>();
    Map<UUID, Boolean> items = new ConcurrentHashMap<>();
    for (int p = 0; p < pushers; p++) {
      int seed = p;
      TestServer through = servers.get(p % servers.size());
      pushes.add(
          pool.submit(() -> push(through, token, bins, batchesPerPusher, new Random(seed), items)));
    }
    List<Future<Puller>> pulls = new ArrayList<>();
    for (int p = 0; p < pullers; p++) {
      pulls.add(
          pool.submit(
              () -> {
                Puller puller = new Puller(servers, token);
                while (pushing.get()) {
                  puller.pullAll(3);
                }
                puller.pullAll(Integer.MAX_VALUE);
                return puller;
              }));
    }
    for (Future<?> f : pushes) {
      f.get(5, TimeUnit.MINUTES);
    }
    pushing.set(false);
    Puller truth = new Puller(servers, token);
    truth.pullAll(Integer.MAX_VALUE);
    for (Future<Puller> f : pulls) {
      Puller p = f.get(5, TimeUnit.MINUTES);
      assertThat(p.duplicates).isEmpty();
      for (String entity : ENTITIES) {
        Map<String, Long> wrong = new HashMap<>();
        truth
            .held
            .get(entity)
            .forEach(
                (id, v) -> {
                  if (!v.equals(p.held.get(entity).get(id))) {
                    wrong.put(id, p.held.get(entity).get(id));
                  }
                });
        assertThat(wrong)
            .as("%s held at a stale version (or missing) by a puller", entity)
            .isEmpty();
        assertThat(p.held.get(entity)).as(entity).hasSameSizeAs(truth.held.get(entity));
      }
    }
    assertThat(truth.held.get("items").keySet())
        .containsAll(items.keySet().stream().map(UUID::toString).toList());
    pool.shutdownNow();
  }

  private static Void push(
      TestServer server,
      String token,
      List<String> bins,
      int batches,
      Random random,
      Map<UUID, Boolean> items) {
    List<UUID> mine = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<ObjectNode> batch = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(6); i++) {
        int kind = mine.isEmpty() ? 0 : random.nextInt(3);
        if (kind == 0) {
          UUID id = UUID.randomUUID();
          batch.add(
              mutation(
                  "items",
                  "create",
                  id,
                  item("C-" + id.toString().substring(0, 12), "concurrent")));
          mine.add(id);
          items.put(id, true);
        } else if (kind == 1) {
          UUID id = mine.get(random.nextInt(mine.size()));
          batch.add(
              mutation(
                  "items",
                  "update",
                  id,
                  CODEC.object().put("description", "edit " + random.nextInt())));
        } else {
          UUID id = mine.get(random.nextInt(mine.size()));
          ObjectNode d = CODEC.object().put("item_id", id.toString()).put("reason", "receive");
          d.put("to_location_id", bins.get(random.nextInt(bins.size())));
          d.put("quantity", BigDecimal.ONE);
          batch.add(mutation("stock_movements", "create", UUID.randomUUID(), d));
        }
      }
      for (JsonNode r : server.push(token, batch.toArray(new ObjectNode[0]))) {
        assertThat(r.get("status").asText()).isEqualTo("accepted");
      }
    }
    return null;
  }

  /** A client holding what it pulled: id -> version per entity, by cursor, in small pages. */
  static final class Puller {
    final List<TestServer> servers;
    final String token;
    int requests;
    final Map<String, Map<String, Long>> held = new HashMap<>();
    final Map<String, String> cursors = new HashMap<>();
    final Set<String> seen = new HashSet<>();
    final List<String> duplicates = new ArrayList<>();

    Puller(List<TestServer> servers, String token) {
      this.servers = servers;
      this.token = token;
      for (String e : ENTITIES) {
        held.put(e, new HashMap<>());
        cursors.put(e, "");
      }
    }

    void pullAll(int maxPages) {
      for (String entity : ENTITIES) {
        for (int i = 0; i < maxPages; i++) {
          TestServer server = servers.get(requests++ % servers.size());
          JsonNode page =
              server
                  .get(
                      "/api/sync/pull?entity=" + entity + "&limit=13&since=" + cursors.get(entity),
                      token)
                  .json();
          for (JsonNode r : page.get("records")) {
            String id = r.get("id").asText();
            long version = r.get("version").asLong();
            if (!seen.add(entity + id + "@" + version)) {
              duplicates.add(entity + " " + id + "@" + version);
            }
            held.get(entity).put(id, version);
          }
          for (JsonNode d : page.get("deletions")) {
            held.get(entity).remove(d.asText());
          }
          cursors.put(entity, page.get("cursor").asText());
          if (!page.get("has_more").asBoolean()) {
            break;
          }
        }
      }
    }
  }
}
