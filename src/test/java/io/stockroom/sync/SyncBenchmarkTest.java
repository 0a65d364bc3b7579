package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.server.ServerConfig;
import io.stockroom.server.StockroomServer;
import io.stockroom.server.auth.Role;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync benchmarks of docs/benchmarks/sync.md. Heavy (seeds 100,000 items), so they run only
 * with {@code -Dstockroom.bench=true}: {@code mvn -B test -Dtest=SyncBenchmarkTest
 * -Dstockroom.bench=true}.
 */
@EnabledIfSystemProperty(named = "stockroom.bench", matches = "true")
class SyncBenchmarkTest {

  @TempDir Path tmp;

  @Test
  void firstSyncPushAndLiveVisibility() throws Exception {
    try (StockroomServer server =
        StockroomServer.open(
                ServerConfig.h2(tmp.resolve("server"), 0)
                    .withPasswordIterations(1_000)
                    .withIds(IdGenerator.secure()))
            .start()) {
      server.seeder().seed(100_000);
      server.accounts().createUser("bench", Role.STAFF, List.of("MAIN"), "bench");

      // 1. First sync of 100,000 items into a fresh profile.
      TimedTransports timing = new TimedTransports();
      try (LocalStore store =
              LocalStore.open(tmp.resolve("a"), Clock.systemUTC(), IdGenerator.secure());
          SyncAgent a = agent(store, false, timing)) {
        a.signIn(server.url(), "bench", "bench");
        long t0 = System.nanoTime();
        CycleResult first = a.runOnce();
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(first.ok()).isTrue();
        assertThat(store.catalog().count("")).isEqualTo(100_000);
        System.out.printf(
            "BENCH first sync: %d records in %d ms, %d bytes received%n",
            first.pulled(), firstMs, first.bytesReceived());
        // The search words the first sync left out are written after it (decision record 0032).
        awaitWords(store);
        System.out.printf(
            "BENCH search words written %d ms after the first sync%n",
            (System.nanoTime() - t0) / 1_000_000 - firstMs);
        assertThat(store.catalog().count("bolt")).isPositive();

        // 2. Push of 1,000 queued mutations.
        for (int i = 0; i < 1000; i++) {
          store.catalog().create(ItemDraft.of("PUSH-" + i, "Pushed item " + i));
        }
        timing.reset();
        long t1 = System.nanoTime();
        CycleResult push = a.runOnce();
        long pushMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(push.accepted()).isEqualTo(1000);
        System.out.printf(
            "BENCH push of 1000 mutations: cycle %d ms (pull, push, pull), %d bytes sent%n",
            pushMs, push.bytesSent());
        System.out.printf(
            "BENCH push of 1000 mutations alone: %d ms from claim to last mark, %d ms in %d push"
                + " request(s) %s%n",
            timing.pushPhaseMillis(),
            timing.pushRequestMillis(),
            timing.pushRequests(),
            timing.pushRequestList());
      }

      // 3. A change on laptop A visible on laptop B through the live channel.
      try (LocalStore sa =
              LocalStore.open(tmp.resolve("la"), Clock.systemUTC(), IdGenerator.secure());
          LocalStore sb =
              LocalStore.open(tmp.resolve("lb"), Clock.systemUTC(), IdGenerator.secure());
          SyncAgent a = agent(sa, true, null);
          SyncAgent b = agent(sb, true, null)) {
        a.signIn(server.url(), "bench", "bench");
        b.signIn(server.url(), "bench", "bench");
        assertThat(a.runOnce().ok()).isTrue();
        assertThat(b.runOnce().ok()).isTrue();
        awaitWords(sa);
        awaitWords(sb);
        a.start();
        b.start();
        Thread.sleep(1500); // both live sockets open, start-up cycles done
        long[] samples = new long[5];
        for (int i = 0; i < samples.length; i++) {
          String sku = "LIVE-" + i;
          long t = System.nanoTime();
          sa.catalog().create(ItemDraft.of(sku, "Live " + i));
          a.localWrite();
          while (sb.catalog().findBySku(sku).isEmpty()) {
            Thread.sleep(2);
            assertThat(System.nanoTime() - t).isLessThan(Duration.ofSeconds(10).toNanos());
          }
          samples[i] = (System.nanoTime() - t) / 1_000_000;
        }
        System.out.printf("BENCH live A->B ms: %s%n", java.util.Arrays.toString(samples));
      }
    }
  }

  private static void awaitWords(LocalStore store) throws InterruptedException {
    long t0 = System.nanoTime();
    while (store.sync().wordsOwed()) {
      Thread.sleep(10);
      assertThat(System.nanoTime() - t0).isLessThan(Duration.ofMinutes(2).toNanos());
    }
  }

  private static SyncAgent agent(LocalStore store, boolean live, TimedTransports timing) {
    SyncAgent.Options options =
        SyncAgent.Options.defaults()
            .withTimers(Duration.ofMinutes(5), Duration.ofMillis(20))
            .withLive(live);
    if (timing != null) {
      options = options.withTransports(url -> timing.wrap(new HttpTransport(url)));
    }
    return new SyncAgent(store, Clock.systemUTC(), options);
  }

  /**
   * Times the push requests of a cycle, and the push phase around them: from the answer of the last
   * pull before the first push (the claim starts then) to the next pull request after the last push
   * (the answers are marked by then).
   */
  private static final class TimedTransports {

    private final List<Long> pushNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long lastPullAnswer;
    private volatile long phaseStart;
    private volatile long phaseEnd;
    private volatile boolean pushing;

    void reset() {
      pushNanos.clear();
      phaseStart = 0;
      phaseEnd = 0;
      pushing = false;
    }

    Transport wrap(Transport inner) {
      return request -> {
        boolean push = request.path().startsWith("/api/sync/push");
        boolean pull = request.path().startsWith("/api/sync/pull");
        long t = System.nanoTime();
        if (push && !pushing) {
          pushing = true;
          phaseStart = lastPullAnswer;
        } else if (pull && pushing) {
          pushing = false;
          phaseEnd = t;
        }
        try {
          return inner.send(request);
        } finally {
          long end = System.nanoTime();
          if (push) {
            pushNanos.add(end - t);
          } else if (pull) {
            lastPullAnswer = end;
          }
        }
      };
    }

    long pushPhaseMillis() {
      return (phaseEnd - phaseStart) / 1_000_000;
    }

    long pushRequestMillis() {
      return pushNanos.stream().mapToLong(Long::longValue).sum() / 1_000_000;
    }

    int pushRequests() {
      return pushNanos.size();
    }

    List<Long> pushRequestList() {
      return pushNanos.stream().map(n -> n / 1_000_000).toList();
    }
  }
}
