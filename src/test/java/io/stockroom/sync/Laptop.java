package io.stockroom.sync;

import io.stockroom.domain.IdGenerator;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A laptop for sync tests: a real local store in a folder, and its sync agent. Its ids and its
 * agent's backoff jitter come from the seed it is given (each reopen derives a fresh one from it),
 * so a laptop built from the same seed behaves the same.
 */
final class Laptop implements AutoCloseable {

  final Path dir;
  final Clock clock;
  LocalStore store;
  SyncAgent agent;
  private final long seed;
  private IdGenerator ids;
  private Function<String, Transport> transports;
  private int opens;

  Laptop(Path dir, Clock clock, long seed, Function<String, Transport> transports) {
    this(dir, clock, IdGenerator.seeded(seed), seed, transports);
  }

  /** With the id source given (a simulation re-seeds it per scenario). */
  Laptop(
      Path dir, Clock clock, IdGenerator ids, long seed, Function<String, Transport> transports) {
    this.dir = dir;
    this.clock = clock;
    this.seed = seed;
    this.ids = ids;
    this.transports = transports;
    open();
  }

  /** A laptop on the real clock and network, seeded from its folder's name. */
  static Laptop at(Path dir) {
    return new Laptop(
        // Seeded from the whole path: laptops of different tests on one shared server must not
        // create records under the same ids.
        dir, Clock.systemUTC(), dir.toAbsolutePath().toString().hashCode(), HttpTransport::new);
  }

  /**
   * A seed made from {@code seed} for one purpose ({@code stream}), so purposes never share one.
   */
  static long derive(long seed, long stream) {
    return new SplittableRandom(seed + stream * 0x9E3779B97F4A7C15L).nextLong();
  }

  private void open() {
    store = LocalStore.open(dir, clock, ids);
    agent = newAgent(derive(seed, 1_000 + opens));
  }

  private SyncAgent newAgent(long agentSeed) {
    return new SyncAgent(
        store,
        clock,
        SyncAgent.Options.defaults()
            .withTransports(transports)
            .withTimers(Duration.ZERO, Duration.ofMillis(50))
            .withSeed(agentSeed)
            .withLive(false));
  }

  /** Closes and opens the store again (an app restart), with ids from a freshly derived seed. */
  void reopen() {
    close();
    opens++;
    ids = IdGenerator.seeded(derive(seed, opens));
    open();
  }

  /** A new sync agent on the same store, seeded with {@code agentSeed}, on other transports. */
  void restartAgent(long agentSeed, Function<String, Transport> transports) {
    agent.close();
    this.transports = transports;
    agent = newAgent(agentSeed);
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
