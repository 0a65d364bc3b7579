package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.StoreUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer thread that every push goes through (issue 15): an {@link Error} inside one write is
 * that write's failure, not the writer's; and if the writer ever stops, health says so and writes
 * fail at once instead of waiting for good.
 */
class WriterFailureTest {

  @Test
  void anErrorInOneWriteFailsThatWriteOnly(@TempDir Path dir) {
    try (TestServer server = TestServer.start(dir, 1)) {
      ServerStore store = server.server().store();
      long before = server.lastVersion();
      assertThatThrownBy(
              () ->
                  store.writeGrouped(
                      w -> {
                        w.nextVersion();
                        throw new OutOfMemoryError("simulated inside one write");
                      }))
          .isInstanceOf(StoreUnavailableException.class)
          .hasCauseInstanceOf(OutOfMemoryError.class);
      assertThat(store.writerRunning()).isTrue();
      assertThat(server.lastVersion()).isEqualTo(before);
      long v = store.writeGrouped(w -> w.nextVersion());
      assertThat(v).isEqualTo(before + 1);
      assertThat(server.get("/api/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void aStoppedWriterIsReportedAndWritesFailFast(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir, 1)) {
      ServerStore store = server.server().store();
      String token = server.login("demo", "demo");
      Thread writer =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("stockroom-writer") && t.isAlive())
              .findFirst()
              .orElseThrow();
      writer.interrupt();
      writer.join(30_000);
      assertThat(writer.isAlive()).isFalse();

      assertThat(store.writerRunning()).isFalse();
      TestServer.Response health = server.get("/api/health", null);
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().get("status").asText()).isEqualTo("failing");
      // A load balancer stops sending clients here.
      assertThat(server.get("/api/ready", null).status()).isEqualTo(503);
      assertThatThrownBy(() -> store.writeGrouped(w -> w.nextVersion()))
          .isInstanceOf(StoreUnavailableException.class);
      TestServer.Response push =
          server.post(
              "/api/sync/push",
              token,
              "{\"mutations\":["
                  + TestServer.CODEC.writeString(
                      TestServer.mutation(
                          "items",
                          "create",
                          java.util.UUID.randomUUID(),
                          TestServer.item("AFTER-STOP", "Refused at once")))
                  + "]}");
      assertThat(push.status()).isEqualTo(503);
      assertThat(push.json().at("/error/code").asText()).isEqualTo("unavailable");
    }
  }
}
