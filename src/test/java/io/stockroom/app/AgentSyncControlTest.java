package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import io.stockroom.sync.SyncAgent;
import io.stockroom.sync.SyncStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync settings the sync screen changes reach the agent and the profile (real H2). */
class AgentSyncControlTest {

  @TempDir Path profile;

  @Test
  void intervalAndBatteryRuleAreKeptInTheProfile() {
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.seeded(1))) {
      try (SyncAgent agent =
          new SyncAgent(store, Clock.systemUTC(), SyncAgent.Options.defaults().withLive(false))) {
        AgentSyncControl control = new AgentSyncControl(agent);
        assertThat(control.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(control.pauseOnLowBattery()).isTrue();
        control.setInterval(Duration.ofMinutes(15));
        control.setPauseOnLowBattery(false);
        assertThat(agent.scheduler().interval()).isEqualTo(Duration.ofMinutes(15));
      }
      assertThat(store.settings().get("sync.interval_seconds")).contains("900");
      assertThat(store.settings().get("sync.pause_on_low_battery")).contains("false");
      try (SyncAgent again =
          new SyncAgent(store, Clock.systemUTC(), SyncAgent.Options.defaults().withLive(false))) {
        AgentSyncControl control = new AgentSyncControl(again);
        assertThat(control.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(control.pauseOnLowBattery()).isFalse();
      }
    }
  }

  @Test
  void callsMadeWhileTheAgentIsBuiltReachItInOrderOnceItIs() {
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.seeded(1))) {
      CompletableFuture<SyncAgent> building = new CompletableFuture<>();
      AgentSyncControl control = new AgentSyncControl(building);
      List<SyncStatus> seen = new CopyOnWriteArrayList<>();
      control.addListener(seen::add);
      control.start();
      CompletableFuture<Duration> asked = CompletableFuture.supplyAsync(control::interval);
      assertThat(seen).isEmpty();
      assertThat(asked).as("an answer waits for the agent").isNotDone();

      try (SyncAgent agent =
          new SyncAgent(store, Clock.systemUTC(), SyncAgent.Options.defaults().withLive(false))) {
        building.complete(agent);

        // Registered first, so the listener saw what start published.
        assertThat(seen).isNotEmpty();
        assertThat(asked.join()).isEqualTo(Duration.ofMinutes(5));
        assertThat(agent.scheduler().interval()).isEqualTo(Duration.ofMinutes(5));
      }
    }
  }

  @Test
  void anAgentThatCouldNotBeBuiltIsReportedByEveryCall() {
    CompletableFuture<SyncAgent> building = new CompletableFuture<>();
    AgentSyncControl control = new AgentSyncControl(building);
    control.start();

    building.completeExceptionally(new IllegalStateException("no agent here"));

    assertThatThrownBy(control::interval)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no agent here");
    assertThatThrownBy(control::syncNow).hasMessage("no agent here");
  }
}
