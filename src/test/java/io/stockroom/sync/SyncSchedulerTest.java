package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When cycles run (issue 4: triggers, retry, thrift), in virtual time: the agent's scheduler runs
 * on {@link VirtualTime}, so no assertion depends on the wall clock. Cycles are real: a real local
 * store against the real server in process; the only fake is a gate at the network boundary that
 * can cut the network and run a hook while a request is on its way.
 */
class SyncSchedulerTest {

  static final long SEED = 42;
  static final Duration DEBOUNCE = Duration.ofSeconds(2);

  /** One server for the class: each test has its own laptop and touches only its own items. */
  @TempDir static Path serverDir;

  static TestServer server;

  @TempDir Path tmp;
  VirtualTime time;
  final List<LocalStore> stores = new ArrayList<>();
  final List<SyncAgent> agents = new ArrayList<>();
  final List<CycleResult> cycles = new CopyOnWriteArrayList<>();
  final AtomicBoolean batteryLow = new AtomicBoolean();
  LocalStore store;
  SyncAgent agent;
  Gate gate;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(serverDir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void start() {
    time = new VirtualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  @AfterEach
  void stop() {
    agents.forEach(SyncAgent::close);
    stores.forEach(LocalStore::close);
    assertThat(time.failures()).isEmpty();
  }

  /** The network boundary: up or down, and a one-shot hook run as the next request goes out. */
  static final class Gate implements Transport {
    private final Transport inner;
    volatile boolean down;
    volatile Runnable onNextSend;

    Gate(Transport inner) {
      this.inner = inner;
    }

    @Override
    public Response send(Request request) throws IOException {
      Runnable hook = onNextSend;
      if (hook != null) {
        onNextSend = null;
        hook.run();
      }
      if (down) {
        throw new IOException("no route to host (test network down)");
      }
      return inner.send(request);
    }
  }

  /** A signed-in laptop whose agent runs in virtual time (not started). */
  SyncAgent laptop(Duration interval, boolean live) {
    if (store == null) {
      store = LocalStore.open(tmp.resolve("laptop"), time.clock(), IdGenerator.seeded(7));
      stores.add(store);
    }
    agent =
        new SyncAgent(
            store,
            time.clock(),
            SyncAgent.Options.defaults()
                .withTransports(url -> gate = new Gate(new HttpTransport(url)))
                .withTimers(interval, DEBOUNCE)
                .withSeed(SEED)
                .withLive(live)
                .withBattery(batteryLow::get),
            time);
    agents.add(agent);
    agent.scheduler().addCycleListener(cycles::add);
    if (!agent.signedIn()) {
      try {
        agent.signIn(server.url(), "demo", "demo");
      } catch (SyncException e) {
        throw new IllegalStateException(e);
      }
    }
    return agent;
  }

  /** Starts the agent and runs its first cycle; forgets that cycle. */
  void startAndSettle() {
    agent.start();
    time.runDue();
    assertThat(cycles).extracting(CycleResult::trigger).containsExactly(Trigger.STARTUP);
    assertThat(cycles.get(0).ok()).isTrue();
    cycles.clear();
  }

  List<Trigger> triggers() {
    return cycles.stream().map(CycleResult::trigger).toList();
  }

  @Test
  void triggersWhileACycleRunsCoalesceIntoExactlyOneMoreAndCyclesNeverOverlap() {
    laptop(Duration.ZERO, false);
    int[] finishedDuringFirst = {-1};
    List<CompletableFuture<CycleResult>> manual = new ArrayList<>();
    gate.onNextSend =
        () -> {
          SyncScheduler s = agent.scheduler();
          s.trigger(Trigger.LIVE);
          s.trigger(Trigger.INTERVAL);
          manual.add(agent.syncNow());
          s.trigger(Trigger.LIVE);
          s.trigger(Trigger.CONNECTIVITY);
          // Whatever is handed to the executor now may run now, as on a pool with a free
          // thread: no cycle may start while this one is on the wire.
          time.runDue();
          finishedDuringFirst[0] = cycles.size();
        };
    agent.start();
    time.runDue();

    assertThat(finishedDuringFirst[0]).isZero();
    assertThat(triggers()).containsExactly(Trigger.STARTUP, Trigger.MANUAL);
    assertThat(manual.get(0)).isCompletedWithValue(cycles.get(1));
    time.advance(Duration.ofHours(1)); // nothing else was asked for
    assertThat(cycles).hasSize(2);
  }

  /**
   * The status is changed from several threads, each changing its own part (here the live channel's
   * and the account's). Each change lands on the status as it then is: neither thread's last word
   * is lost to the other's.
   */
  @Test
  void statusChangesFromTwoThreadsAreNeverLost() throws Exception {
    SyncScheduler scheduler = laptop(Duration.ZERO, false).scheduler();
    int rounds = 20_000;
    List<SyncStatus> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    scheduler.addListener(heard::add);
    Thread live =
        new Thread(
            () -> {
              for (int i = 1; i <= rounds; i++) {
                scheduler.liveConnected(i % 2 == 0);
              }
            });
    Thread account =
        new Thread(
            () -> {
              for (int i = 1; i <= rounds; i++) {
                scheduler.account("http://server-" + i, "demo");
              }
            });
    live.start();
    account.start();
    live.join();
    account.join();
    assertThat(scheduler.status().liveConnected()).isTrue();
    assertThat(scheduler.status().server()).isEqualTo("http://server-" + rounds);
    // Heard in the order made: the account's part never goes back to an older one.
    int seen = 0;
    for (SyncStatus st : heard) {
      int n =
          st.server() != null && st.server().startsWith("http://server-")
              ? Integer.parseInt(st.server().substring("http://server-".length()))
              : 0;
      assertThat(n).isGreaterThanOrEqualTo(seen);
      seen = n;
    }
    assertThat(heard.get(heard.size() - 1)).isEqualTo(scheduler.status());
  }

  @Test
  void triggersBeforeTheQueuedCycleStartsMakeOneCycle() {
    laptop(Duration.ZERO, false);
    startAndSettle();
    for (int i = 0; i < 5; i++) {
      agent.scheduler().trigger(Trigger.LIVE);
      agent.scheduler().trigger(Trigger.INTERVAL);
    }
    assertThat(time.dueNow()).isEqualTo(1);
    time.runDue();
    assertThat(triggers()).containsExactly(Trigger.LIVE);
  }

  @Test
  void localWritesAreDebouncedIntoOneCycleAfterThePause() {
    laptop(Duration.ZERO, false);
    startAndSettle();
    Item item = store.catalog().create(ItemDraft.of("DEB-1", "Debounced"));
    agent.localWrite();
    time.advance(Duration.ofMillis(1500));
    store
        .catalog()
        .update(item.id(), new ItemDraft("DEB-1", null, "Debounced v2", null, "ea", null, 0));
    agent.localWrite();
    time.advance(Duration.ofMillis(1500));
    agent.localWrite();
    time.advance(DEBOUNCE.minusMillis(1));
    assertThat(cycles).isEmpty();

    time.advance(Duration.ofMillis(1));
    assertThat(triggers()).containsExactly(Trigger.LOCAL_WRITE);
    assertThat(cycles.get(0).accepted()).isEqualTo(1); // create and update folded into one
    assertThat(store.outbox().pendingCount()).isZero();
    time.advance(Duration.ofHours(1));
    assertThat(cycles).hasSize(1);
  }

  @Test
  void transientFailuresBackOffWithSeededJitterAndBackgroundTriggersWaitItOut() {
    laptop(Duration.ZERO, false);
    gate.down = true;
    agent.start();
    time.runDue();
    Backoff expected = new Backoff(SEED);
    SyncScheduler s = agent.scheduler();
    for (int n = 1; n <= 8; n++) {
      assertThat(cycles).hasSize(n);
      CycleResult last = cycles.get(n - 1);
      assertThat(last.trigger()).isEqualTo(n == 1 ? Trigger.STARTUP : Trigger.RETRY);
      assertThat(last.transientFailure()).isTrue();
      assertThat(s.failures()).isEqualTo(n);
      assertThat(s.status().state()).isEqualTo(SyncStatus.State.OFFLINE);

      long baseMs = Math.min(1L << (n - 1), 60) * 1000;
      Duration delay = expected.delay(n);
      assertThat(delay.toMillis()).isBetween(baseMs / 2, baseMs);
      Instant retryAt = s.status().nextRetryAt();
      assertThat(retryAt).isEqualTo(time.now().plus(delay));

      time.advanceTo(retryAt.minusMillis(1));
      s.trigger(Trigger.LIVE);
      s.trigger(Trigger.INTERVAL);
      s.trigger(Trigger.LOCAL_WRITE);
      time.runDue();
      assertThat(cycles).as("background triggers wait out backoff %d", n).hasSize(n);
      time.advanceTo(retryAt); // the retry timer fires
    }
    assertThat(cycles).hasSize(9);
    Instant retryAt = s.status().nextRetryAt();
    assertThat(Duration.between(time.now(), retryAt))
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60)); // the cap

    CompletableFuture<CycleResult> manual = agent.syncNow();
    time.runDue();
    assertThat(manual).isDone();
    assertThat(manual.join().trigger()).isEqualTo(Trigger.MANUAL);
    assertThat(s.failures()).isEqualTo(10); // a manual sync does not wait, and still failed
    Instant backingOffUntil = s.status().nextRetryAt();
    assertThat(backingOffUntil).isAfter(time.now());

    gate.down = false;
    s.trigger(Trigger.CONNECTIVITY);
    time.runDue();
    assertThat(cycles.get(cycles.size() - 1).trigger()).isEqualTo(Trigger.CONNECTIVITY);
    assertThat(cycles.get(cycles.size() - 1).ok()).isTrue();
    assertThat(time.now()).isBefore(backingOffUntil); // it did not wait
    assertThat(s.failures()).isZero();
    assertThat(s.status().nextRetryAt()).isNull();
    assertThat(s.status().state()).isEqualTo(SyncStatus.State.ONLINE);

    int before = cycles.size();
    s.trigger(Trigger.LIVE); // no backoff any more: background triggers run at once
    time.runDue();
    assertThat(cycles).hasSize(before + 1);
    time.advance(Duration.ofMinutes(10)); // the old retry timer was cancelled
    assertThat(cycles).hasSize(before + 1);
  }

  @Test
  void aBackgroundTriggerDuringAFailingCycleWaitsOutTheNewBackoffButAManualOneDoesNot() {
    laptop(Duration.ZERO, false);
    startAndSettle();
    gate.down = true;
    gate.onNextSend = () -> agent.scheduler().trigger(Trigger.LIVE);
    agent.scheduler().trigger(Trigger.INTERVAL);
    time.runDue();
    assertThat(triggers()).containsExactly(Trigger.INTERVAL);
    assertThat(agent.scheduler().failures()).isEqualTo(1);

    List<CompletableFuture<CycleResult>> manual = new ArrayList<>();
    gate.onNextSend = () -> manual.add(agent.syncNow());
    agent.scheduler().trigger(Trigger.CONNECTIVITY);
    time.runDue();
    assertThat(triggers()).containsExactly(Trigger.INTERVAL, Trigger.CONNECTIVITY, Trigger.MANUAL);
    assertThat(manual.get(0)).isCompletedWithValue(cycles.get(2));
  }

  @Test
  void aChangedMessageOnTheLiveChannelTriggersACycle() throws Exception {
    laptop(Duration.ZERO, true);
    startAndSettle();
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.scheduler().status().liveConnected());
    assertThat(time.dueNow()).isZero();

    Laptop other = Laptop.at(tmp.resolve("other")).signIn(server, "demo");
    try {
      Item made = other.store.catalog().create(ItemDraft.of("LIVE-1", "Made elsewhere"));
      assertThat(other.sync().accepted()).isEqualTo(1);

      await().atMost(Duration.ofSeconds(30)).until(() -> time.dueNow() > 0);
      time.runDue();
      // One poke per changed entity; a second one may land while the first cycle runs.
      assertThat(triggers()).isNotEmpty().containsOnly(Trigger.LIVE);
      assertThat(cycles.get(0).ok()).isTrue();
      assertThat(store.catalog().get(made.id())).isPresent();
    } finally {
      other.close();
    }
  }

  @Test
  void connectivityRegainedTriggersACycleWithoutWaitingOutTheBackoff() {
    laptop(Duration.ZERO, true);
    gate.down = true;
    agent.start();
    time.runDue(); // the first cycle fails; then the live channel connects
    assertThat(triggers()).containsExactly(Trigger.STARTUP);
    Instant retryAt = agent.scheduler().status().nextRetryAt();
    assertThat(retryAt).isAfter(time.now());

    gate.down = false;
    await().atMost(Duration.ofSeconds(30)).until(() -> time.dueNow() > 0);
    time.runDue();
    assertThat(triggers()).containsExactly(Trigger.STARTUP, Trigger.CONNECTIVITY);
    assertThat(cycles.get(1).ok()).isTrue();
    assertThat(time.now()).isBefore(retryAt);
    assertThat(agent.scheduler().status().liveConnected()).isTrue();
  }

  @Test
  void theIntervalPausesOnALowBatteryAndAManualSyncStillRuns() {
    laptop(Duration.ofMinutes(1), false);
    startAndSettle();
    time.advance(Duration.ofMinutes(1));
    assertThat(triggers()).containsExactly(Trigger.INTERVAL);

    batteryLow.set(true);
    time.advance(Duration.ofMinutes(10));
    assertThat(cycles).hasSize(1);
    CompletableFuture<CycleResult> manual = agent.syncNow();
    time.runDue();
    assertThat(manual.join().trigger()).isEqualTo(Trigger.MANUAL);
    assertThat(manual.join().ok()).isTrue();

    batteryLow.set(false);
    time.advance(Duration.ofMinutes(1));
    assertThat(triggers()).containsExactly(Trigger.INTERVAL, Trigger.MANUAL, Trigger.INTERVAL);
  }

  @Test
  void theBatteryRuleCanBeTurnedOffAndTheChoiceIsKept() {
    laptop(Duration.ofMinutes(1), false);
    assertThat(agent.pauseOnLowBattery()).isTrue();
    startAndSettle();
    batteryLow.set(true);
    agent.setPauseOnLowBattery(false);
    time.advance(Duration.ofMinutes(2));
    assertThat(triggers()).containsExactly(Trigger.INTERVAL, Trigger.INTERVAL);
    assertThat(store.settings().get(AgentSettings.PAUSE_ON_LOW_BATTERY)).contains("false");
    cycles.clear();

    agent.close(); // shuts its executor down: the next agent gets the same time back
    agents.remove(agent);
    time.resume();
    laptop(Duration.ofMinutes(1), false);
    assertThat(agent.pauseOnLowBattery()).isFalse();
    agent.setPauseOnLowBattery(true);
    startAndSettle();
    time.advance(Duration.ofMinutes(5));
    assertThat(cycles).isEmpty(); // battery still low, rule back on
  }

  @Test
  void theIntervalChangesAtRunTimeAndIsKeptInTheProfile() {
    laptop(Duration.ofMinutes(5), false);
    startAndSettle();
    time.advance(Duration.ofMinutes(2));
    agent.setInterval(Duration.ofSeconds(30));
    assertThat(agent.interval()).isEqualTo(Duration.ofSeconds(30));
    time.advance(Duration.ofSeconds(29));
    assertThat(cycles).isEmpty();
    time.advance(Duration.ofSeconds(1));
    assertThat(triggers()).containsExactly(Trigger.INTERVAL);
    time.advance(Duration.ofMinutes(5)); // every 30 s now, never the old 5 min timer on top
    assertThat(cycles).hasSize(11);
    assertThat(store.settings().get(AgentSettings.INTERVAL)).contains("30");

    agent.setInterval(Duration.ZERO);
    cycles.clear();
    time.advance(Duration.ofHours(1));
    assertThat(cycles).isEmpty();
    agent.setInterval(Duration.ofSeconds(45));

    agent.close(); // shuts its executor down: the next agent gets the same time back
    agents.remove(agent);
    time.resume();
    laptop(Duration.ofMinutes(5), false);
    assertThat(agent.interval()).isEqualTo(Duration.ofSeconds(45));
    startAndSettle();
    time.advance(Duration.ofSeconds(45));
    assertThat(triggers()).containsExactly(Trigger.INTERVAL);
  }
}
