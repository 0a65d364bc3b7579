package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockroom.domain.EntityType;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.server.auth.Principal;
import io.stockroom.server.auth.Role;
import io.stockroom.server.store.Change;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A subscriber that stops reading is dropped, and never holds up a commit or other subscribers. */
class ChangeFeedTest {

  static final class Sink implements ChangeFeed.Sink {
    final boolean acknowledges;
    final List<String> sent = new CopyOnWriteArrayList<>();
    final Set<Thread> senders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicBoolean closed = new AtomicBoolean();

    Sink(boolean acknowledges) {
      this.acknowledges = acknowledges;
    }

    @Override
    public void send(String text, Runnable done) {
      senders.add(Thread.currentThread());
      sent.add(text);
      if (acknowledges) {
        done.run();
      }
    }

    @Override
    public boolean isOpen() {
      return !closed.get();
    }

    @Override
    public void close(String reason) {
      closed.set(true);
    }
  }

  @Test
  void aStuckSocketIsClosedAndTheOthersKeepReceiving() {
    UUID site = UUID.randomUUID();
    Principal user = new Principal(UUID.randomUUID(), "u", Role.STAFF, Set.of(site));
    try (ChangeFeed feed = new ChangeFeed(new JsonCodec())) {
      Sink stuck = new Sink(false);
      Sink healthy = new Sink(true);
      feed.subscribe(user, "stuck-token", stuck);
      feed.subscribe(user, "healthy-token", healthy);
      for (int i = 1; i <= 200; i++) {
        feed.accept(List.of(new Change(EntityType.ITEMS, null, i)));
        // One poke per change: the next change comes after this one's poke.
        int sent = i;
        await()
            .pollInterval(Duration.ofMillis(1))
            .atMost(Duration.ofSeconds(5))
            .until(() -> healthy.sent.size() == sent);
      }
      // A commit only hands its changes over: no send ever runs on the committing thread.
      assertThat(stuck.senders).doesNotContain(Thread.currentThread());
      assertThat(healthy.senders).doesNotContain(Thread.currentThread());
      assertThat(stuck.closed).isTrue();
      assertThat(stuck.sent).hasSize(ChangeFeed.MAX_IN_FLIGHT);
      assertThat(feed.subscriberCount()).isEqualTo(1);
    }
  }

  /**
   * Decision record 0056: on H2 a commit is handed over before it is forced to disk; its poke is
   * made then, and sent only once the writer says the commit is on disk.
   */
  @Test
  void aPokeWaitsUntilItsCommitIsOnDisk() {
    Principal user = new Principal(UUID.randomUUID(), "u", Role.STAFF, Set.of(UUID.randomUUID()));
    try (ChangeFeed feed = new ChangeFeed(new JsonCodec())) {
      Sink sink = new Sink(true);
      feed.subscribe(user, "token", sink);
      feed.committed(List.of(new Change(EntityType.ITEMS, null, 7)), false);
      // The feed thread has made the poke and waits for the disk.
      await().pollInterval(Duration.ofMillis(1)).until(() -> feed.diskWaits() > 0);
      assertThat(sink.sent).isEmpty();
      int before = feed.diskWaits();
      feed.onDisk(6); // an earlier version on disk is not enough
      // It has looked again since, and waits on.
      await().pollInterval(Duration.ofMillis(1)).until(() -> feed.diskWaits() > before);
      assertThat(sink.sent).isEmpty();
      feed.onDisk(7);
      await().atMost(Duration.ofSeconds(5)).until(() -> sink.sent.size() == 1);
      assertThat(sink.sent.get(0)).contains("\"version\":7");
      // A commit that is on disk already (PostgreSQL, another process's) goes at once.
      feed.committed(List.of(new Change(EntityType.LOCATIONS, null, 8)), true);
      await().atMost(Duration.ofSeconds(5)).until(() -> sink.sent.size() == 2);
    }
  }

  /**
   * Decision record 0055: however fast changes come, a socket gets at most one poke per entity per
   * window; none is lost (the last one names the latest version), and the first after a quiet spell
   * goes out at once.
   */
  @Test
  void aBurstOfChangesBecomesFewPokesEndingWithTheLatestVersion() {
    Principal user = new Principal(UUID.randomUUID(), "u", Role.STAFF, Set.of(UUID.randomUUID()));
    try (ChangeFeed feed = new ChangeFeed(new JsonCodec())) {
      List<Sink> sinks = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) { // a window of 100 ms
        Sink sink = new Sink(true);
        sinks.add(sink);
        feed.subscribe(user, "token-" + i, sink);
      }
      feed.accept(List.of(new Change(EntityType.ITEMS, null, 1)));
      await().atMost(Duration.ofSeconds(5)).until(() -> sinks.get(199).sent.size() == 1);
      for (int v = 2; v <= 1_000; v++) {
        feed.accept(List.of(new Change(EntityType.ITEMS, null, v)));
      }
      String last = "{\"type\":\"changed\",\"entity\":\"items\",\"version\":1000}";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sinks.stream().allMatch(sink -> sink.sent.contains(last)));
      for (Sink sink : sinks) {
        assertThat(sink.sent.get(0)).contains("\"version\":1}");
        // The burst is a thousand queue additions: it fits in a window or two, and even a machine
        // that stalls for seconds in the middle of it sends tens of pokes, not a thousand.
        assertThat(sink.sent.size()).isBetween(2, 50);
      }
    }
  }

  @Test
  void oneMessagePerEntityWithItsHighestVisibleVersion() {
    UUID mine = UUID.randomUUID();
    UUID theirs = UUID.randomUUID();
    Principal user = new Principal(UUID.randomUUID(), "u", Role.STAFF, Set.of(mine));
    try (ChangeFeed feed = new ChangeFeed(new JsonCodec())) {
      Sink sink = new Sink(true);
      feed.subscribe(user, "token", sink);
      feed.accept(
          List.of(
              new Change(EntityType.STOCK_MOVEMENTS, mine, 10),
              new Change(EntityType.STOCK_LEVELS, mine, 11),
              new Change(EntityType.STOCK_LEVELS, mine, 12),
              new Change(EntityType.STOCK_LEVELS, theirs, 13)));
      await().atMost(Duration.ofSeconds(5)).until(() -> sink.sent.size() == 2);
      assertThat(sink.sent)
          .containsExactly(
              "{\"type\":\"changed\",\"entity\":\"stock_movements\",\"version\":10}",
              "{\"type\":\"changed\",\"entity\":\"stock_levels\",\"version\":12}");
    }
  }
}
