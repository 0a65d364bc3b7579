package io.stockroom.sync;

import static org.awaitility.Awaitility.await;

import io.stockroom.domain.IdGenerator;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import io.stockroom.store.LocalStore;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: an idle laptop knows within seconds that the server went away, and that it came back,
 * without waiting for its next interval sync (here an hour away): the live channel's loss starts a
 * light cycle, and its reconnection attempts are a few seconds apart at most.
 */
class ConnectivityTest {

  @TempDir Path tmp;
  StockroomServer server;
  LocalStore store;
  SyncAgent agent;

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

  private StockroomServer startServer(int port) {
    StockroomServer s =
        StockroomServer.open(
                ServerConfig.h2(tmp.resolve("server"), port).withPasswordIterations(1_000))
            .start();
    s.seeder().seed(3);
    return s;
  }

  private SyncStatus.State state() {
    return agent.scheduler().status().state();
  }

  @Test
  void anIdleLaptopSeesTheServerGoAndComeBack() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = startServer(port);
    store = LocalStore.open(tmp.resolve("laptop"), Clock.systemUTC(), IdGenerator.seeded(16));
    agent =
        new SyncAgent(
            store,
            Clock.systemUTC(),
            SyncAgent.Options.defaults()
                .withTimers(Duration.ofHours(1), Duration.ofMillis(50))
                .withLive(true));
    agent.signIn(server.url(), "demo", "demo");
    agent.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.scheduler().status().liveConnected());
    await().atMost(Duration.ofSeconds(30)).until(() -> state() == SyncStatus.State.ONLINE);

    server.close(); // the server goes while the laptop is idle
    server = null;
    await().atMost(Duration.ofSeconds(30)).until(() -> state() == SyncStatus.State.OFFLINE);

    server = startServer(port); // and comes back on the same address
    await().atMost(Duration.ofSeconds(30)).until(() -> state() == SyncStatus.State.ONLINE);
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.scheduler().status().liveConnected());
  }
}
