package io.stockroom.server;

import static io.stockroom.server.TestServer.item;
import static io.stockroom.server.TestServer.mutation;
import static io.stockroom.server.TestServer.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a process told to stop (SIGTERM runs {@link StockroomServer#close()}) says it is not
 * ready at once, answers the requests it has already taken, and only then stops.
 */
class DrainTest {

  private static ObjectNode body(ObjectNode m) {
    ObjectNode body = TestServer.CODEC.object();
    body.putArray("mutations").add(m);
    return body;
  }

  private static boolean refused(TestServer server, String base) {
    try {
      server.send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/health"))
              .timeout(Duration.ofSeconds(2))
              .build());
      return false;
    } catch (java.io.UncheckedIOException e) {
      return true;
    }
  }

  @Test
  void aPushInFlightWhenTheServerStopsIsAnsweredAndKept(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir, 1)) {
      String token = server.login("demo", "demo");
      CountDownLatch writerHeld = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // Hold the writer, so the push below is taken and waits inside the server.
      CompletableFuture<Void> holder =
          CompletableFuture.runAsync(
              () ->
                  server
                      .server()
                      .store()
                      .writeGrouped(
                          w -> {
                            writerHeld.countDown();
                            try {
                              release.await();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            return null;
                          }));
      writerHeld.await();
      String made = sku("DRAIN");
      ObjectNode m = mutation("items", "create", UUID.randomUUID(), item(made, "Kept"));
      CompletableFuture<TestServer.Response> push =
          CompletableFuture.supplyAsync(
              () -> server.post("/api/sync/push", token, TestServer.CODEC.writeString(body(m))));
      await().atMost(Duration.ofSeconds(10)).until(() -> server.server().inFlightRequests() == 1);
      String base = server.url();
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
      await().atMost(Duration.ofSeconds(10)).until(() -> !server.server().ready());
      // The worst moment: the server takes no new connection, and the push is still waiting.
      await().atMost(Duration.ofSeconds(10)).until(() -> refused(server, base));
      release.countDown();
      holder.get();

      TestServer.Response answer = push.get();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().at("/results/0/status").asText()).isEqualTo("accepted");
      stopping.get();
    }
  }
}
