package io.stockroom.server;

import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static io.stockroom.server.TestServer.sku;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.IdGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paging by cursor, tombstones and the tombstone horizon. */
class PullTest {

  @TempDir static Path dir;
  static TestServer server;
  static String demo;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    demo = server.login("demo", "demo");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pagesCoverEveryRecordOnceAndEndWithHasMoreFalse() {
    for (int i = 0; i < 30; i++) {
      server.push(
          demo, mutation("items", "create", UUID.randomUUID(), item(sku("PG"), "paged " + i)));
    }
    Set<String> seen = new HashSet<>();
    String cursor = "";
    int pages = 0;
    long lastVersion = 0;
    while (true) {
      JsonNode page =
          server.get("/api/sync/pull?entity=items&limit=7&since=" + cursor, demo).json();
      pages++;
      assertThat(page.get("records").size() + page.get("deletions").size()).isLessThanOrEqualTo(7);
      for (JsonNode r : page.get("records")) {
        assertThat(seen.add(r.get("id").asText())).isTrue();
        assertThat(r.get("version").asLong()).isGreaterThan(lastVersion);
        lastVersion = r.get("version").asLong();
      }
      cursor = page.get("cursor").asText();
      if (!page.get("has_more").asBoolean()) {
        break;
      }
    }
    assertThat(seen.size()).isGreaterThanOrEqualTo(50);
    assertThat(pages).isGreaterThan(5);
    JsonNode empty = server.get("/api/sync/pull?entity=items&since=" + cursor, demo).json();
    assertThat(empty.get("records")).isEmpty();
    assertThat(empty.get("has_more").asBoolean()).isFalse();
    assertThat(empty.get("cursor").asText()).isEqualTo(cursor);
  }

  @Test
  void aCursorBeyondThisServerIsExpired() {
    TestServer.Response r = server.get("/api/sync/pull?entity=items&since=999999999", demo);
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("cursor_expired");
  }

  @Test
  void cursorsOlderThanThePurgedTombstonesGet410(@TempDir Path own) {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ServerConfig config =
        ServerConfig.h2(own, 0)
            .withPasswordIterations(1000)
            .withClock(clock)
            .withIds(IdGenerator.seeded(7))
            .withTombstoneRetention(Duration.ofDays(1));
    try (StockroomServer s = StockroomServer.open(config).start()) {
      s.seeder().seed(3);
      TestServer.Response login =
          post(s, "/api/auth/login", null, "{\"username\":\"demo\",\"password\":\"demo\"}");
      String t = login.json().get("token").asText();
      String early = get(s, "/api/sync/pull?entity=items", t).json().get("cursor").asText();
      UUID id = UUID.randomUUID();
      push(s, t, mutation("items", "create", id, item("TOMB-1", "short lived")));
      push(s, t, mutation("items", "delete", id, null));
      JsonNode before = get(s, "/api/sync/pull?entity=items&since=" + early, t).json();
      assertThat(before.get("deletions")).extracting(JsonNode::asText).contains(id.toString());
      String afterDelete = before.get("cursor").asText();

      clock.advance(Duration.ofDays(2));
      assertThat(s.purger().purge()).isEqualTo(1);

      assertThat(get(s, "/api/sync/pull?entity=items&since=" + early, t).status()).isEqualTo(410);
      assertThat(get(s, "/api/sync/pull?entity=items&since=" + afterDelete, t).status())
          .isEqualTo(200);
      assertThat(get(s, "/api/sync/pull?entity=items", t).status()).isEqualTo(200);
    }
  }

  private static final TestServerClient CLIENT = new TestServerClient();

  private static TestServer.Response get(StockroomServer s, String path, String token) {
    return CLIENT.get(s.url(), path, token);
  }

  private static TestServer.Response post(
      StockroomServer s, String path, String token, String body) {
    return CLIENT.post(s.url(), path, token, body);
  }

  private static void push(
      StockroomServer s, String token, com.fasterxml.jackson.databind.node.ObjectNode m) {
    String body = "{\"mutations\":[" + TestServer.CODEC.writeString(m) + "]}";
    assertThat(post(s, "/api/sync/push", token, body).status()).isEqualTo(200);
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
