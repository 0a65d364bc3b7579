package io.stockroom.server;

import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static io.stockroom.server.TestServer.sku;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Issue 19's operations tools: {@code /metrics}, request ids and the request log. */
class OperationsTest {

  @TempDir static Path dir;
  static TestServer server;
  static String demo;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, 5);
    demo = server.login("demo", "demo");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void metricsNeedNoTokenAndCountRoutesOutcomesPagesSocketsAndThePool() {
    server.push(demo, mutation("items", "create", UUID.randomUUID(), item(sku("MET"), "Counted")));
    server.push(demo, mutation("items", "create", UUID.randomUUID(), CodecHolder.empty()));
    assertThat(server.get("/api/sync/pull?entity=items", demo).status()).isEqualTo(200);
    assertThat(server.get("/no/such/path/" + UUID.randomUUID(), null).status()).isEqualTo(404);

    for (int i = 0; i < 5; i++) { // made-up methods: one series between them, not five
      server.send(
          server
              .builder("/api/health", null)
              .method("MADEUP" + i, java.net.http.HttpRequest.BodyPublishers.noBody())
              .build());
    }

    TestServer.Response r = server.get("/metrics", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    String text = r.text();
    assertThat(text)
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*route=\"/api/sync/pull\""
                + "[^}]*status=\"200\"[^}]*} 1")
        .containsPattern("http_server_requests_seconds_bucket\\{[^}]*route=\"/api/sync/push\"")
        .contains("route=\"unmatched\"")
        .contains("method=\"OTHER\"")
        .doesNotContain("MADEUP")
        .doesNotContain("/no/such/path")
        .containsPattern("stockroom_push_mutations_total\\{outcome=\"accepted\"} 1")
        .containsPattern("stockroom_push_mutations_total\\{outcome=\"rejected\"} 1")
        .containsPattern("stockroom_pull_pages_total\\{entity=\"items\"} 1")
        .containsPattern("stockroom_pull_records_total\\{entity=\"items\"} [1-9]")
        .contains("stockroom_live_sockets")
        .contains("stockroom_notifications_connected 1")
        .contains("hikaricp_connections_active")
        .contains("jvm_memory_used_bytes");
  }

  /** The empty data of a create that the server must reject. */
  static final class CodecHolder {
    static com.fasterxml.jackson.databind.node.ObjectNode empty() {
      return TestServer.CODEC.object();
    }
  }

  @Test
  void everyRequestHasAnIdItsAnswerAndItsLogLineCarry() {
    Logger requests = (Logger) LoggerFactory.getLogger("io.stockroom.server.requests");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Level before = requests.getLevel();
    requests.addAppender(lines);
    requests.setLevel(Level.INFO);
    try {
      TestServer.Response given =
          server.send(
              server
                  .builder("/api/sync/pull?entity=sites&token=secret", demo)
                  .header("X-Request-Id", "lb-1234.abc")
                  .GET()
                  .build());
      assertThat(given.header("X-Request-Id")).isEqualTo("lb-1234.abc");
      TestServer.Response made =
          server.send(
              server
                  .builder("/api/health", null)
                  .header("X-Request-Id", "not a plain token " + "x".repeat(80))
                  .build());
      assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");
      assertThat(server.get("/api/health", null).header("X-Request-Id"))
          .isNotEqualTo(made.header("X-Request-Id"));

      String line =
          lines.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(l -> l.startsWith("id=lb-1234.abc "))
              .findFirst()
              .orElseThrow();
      assertThat(line)
          .contains("method=GET", "route=/api/sync/pull", "status=200", "user=demo", "ms=")
          .doesNotContain("secret")
          .doesNotContain(demo);
    } finally {
      requests.detachAppender(lines);
      requests.setLevel(before);
    }
  }
}
