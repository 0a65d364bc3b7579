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
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> healthy.sent.size() == 200);
      // A commit only hands its changes over: no send ever runs on the committing thread.
      assertThat(stuck.senders).doesNotContain(Thread.currentThread());
      assertThat(healthy.senders).doesNotContain(Thread.currentThread());
      assertThat(stuck.closed).isTrue();
      assertThat(stuck.sent).hasSize(ChangeFeed.MAX_IN_FLIGHT);
      assertThat(feed.subscriberCount()).isEqualTo(1);
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
