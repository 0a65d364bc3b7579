package io.stockroom.sync;

import io.stockroom.domain.IdGenerator;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A laptop for sync tests: a real local store in a folder, and its sync agent. */
final class Laptop implements AutoCloseable {

  final Path dir;
  final Clock clock;
  LocalStore store;
  SyncAgent agent;
  private final Function<String, Transport> transports;

  Laptop(Path dir, Clock clock, long seed, Function<String, Transport> transports) {
    this.dir = dir;
    this.clock = clock;
    this.transports = transports;
    open(seed);
  }

  static Laptop at(Path dir) {
    return new Laptop(dir, Clock.systemUTC(), 1, HttpTransport::new);
  }

  void open(long seed) {
    store = LocalStore.open(dir, clock, IdGenerator.seeded(seed ^ System.nanoTime()));
    agent =
        new SyncAgent(
            store,
            clock,
            SyncAgent.Options.defaults()
                .withTransports(transports)
                .withTimers(Duration.ZERO, Duration.ofMillis(50))
                .withLive(false));
  }

  void reopen() {
    close();
    open(2);
  }

  Laptop signIn(TestServer server, String user) {
    try {
      agent.signIn(server.url(), user, user);
    } catch (SyncException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  CycleResult sync() {
    return agent.runOnce();
  }

  @Override
  public void close() {
    if (agent != null) {
      agent.close();
      agent = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }

  static void closeAll(List<Laptop> laptops) {
    for (Laptop l : new ArrayList<>(laptops)) {
      l.close();
    }
  }
}
