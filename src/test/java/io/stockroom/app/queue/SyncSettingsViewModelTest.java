package io.stockroom.app.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.FakeSyncControl;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.QueuedTaskRunner;
import io.stockroom.app.screens.LocalChanges;
import io.stockroom.app.tasks.TaskRunner;
import io.stockroom.domain.SyncDesk;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The background sync settings on the sync screen: interval choice and low-battery pause. */
class SyncSettingsViewModelTest {

  final FakeSyncControl agent = new FakeSyncControl();

  {
    agent.interval = Duration.ofMinutes(5);
  }

  QueueViewModel vm(TaskRunner runner) {
    return new QueueViewModel(
        new FakeStore().outboxService,
        runner,
        ZoneOffset.UTC,
        new QueueViewModel.Desk(
            SyncDesk.none(),
            (t, m, l) -> false,
            null,
            text -> {},
            agent,
            new LocalChanges(),
            Clock.systemUTC()));
  }

  @Test
  void showsTheSettingsInForceWithoutWritingThemBack() {
    agent.interval = Duration.ofMinutes(15);
    agent.pauseOnLowBattery = false;
    QueueViewModel vm = vm(new InlineTaskRunner());
    vm.refresh();
    assertThat(vm.intervalProperty().get()).isEqualTo(new IntervalChoice(Duration.ofMinutes(15)));
    assertThat(vm.pauseOnLowBatteryProperty().get()).isFalse();
    assertThat(vm.intervalChoices())
        .extracting(IntervalChoice::label)
        .containsExactly(
            "Every minute",
            "Every 5 minutes",
            "Every 15 minutes",
            "Every 30 minutes",
            "Every hour",
            "Off (Sync now and live changes only)");
    assertThat(agent.calls).isEmpty();
  }

  @Test
  void anIntervalSetOutsideTheListIsOfferedToo() {
    agent.interval = Duration.ofSeconds(90);
    QueueViewModel vm = vm(new InlineTaskRunner());
    vm.refresh();
    assertThat(vm.intervalChoices())
        .extracting(IntervalChoice::label)
        .containsSubsequence("Every minute", "Every 90 seconds", "Every 5 minutes");
    assertThat(vm.intervalProperty().get().label()).isEqualTo("Every 90 seconds");
  }

  @Test
  void choosingAnIntervalSavesItOffTheFxThread() {
    QueuedTaskRunner runner = new QueuedTaskRunner();
    QueueViewModel vm = vm(runner);
    vm.loadSettings();
    runner.runNext();
    vm.intervalProperty().set(new IntervalChoice(Duration.ofMinutes(30)));
    assertThat(agent.calls).isEmpty(); // not on the caller's (FX) thread
    runner.runNext();
    assertThat(agent.calls).containsExactly("interval 1800");
    assertThat(agent.interval).isEqualTo(Duration.ofMinutes(30));
    assertThat(vm.messageProperty().get()).isEqualTo("Background sync: every 30 minutes.");

    vm.intervalProperty().set(new IntervalChoice(Duration.ZERO));
    runner.runNext();
    assertThat(agent.interval).isZero();
    assertThat(vm.messageProperty().get())
        .isEqualTo("Background sync is off; Sync now and live changes still sync.");
  }

  @Test
  void togglingTheBatteryPauseSavesIt() {
    QueueViewModel vm = vm(new InlineTaskRunner());
    vm.refresh();
    vm.pauseOnLowBatteryProperty().set(false);
    assertThat(agent.calls).containsExactly("pause false");
    assertThat(vm.messageProperty().get()).isEqualTo("Background sync runs whatever the battery.");
    vm.pauseOnLowBatteryProperty().set(true);
    assertThat(agent.calls).containsExactly("pause false", "pause true");
    assertThat(vm.messageProperty().get())
        .isEqualTo("Background sync pauses below 15% battery; Sync now still works.");
  }

  @Test
  void aRefusedChangeSaysWhyAndShowsWhatIsInForce() {
    QueueViewModel vm = vm(new InlineTaskRunner());
    vm.refresh();
    agent.refuseSettings = true;
    vm.intervalProperty().set(new IntervalChoice(Duration.ofMinutes(1)));
    assertThat(vm.messageProperty().get()).startsWith("The profile is read-only. Try again.");
    assertThat(vm.intervalProperty().get().interval()).isEqualTo(Duration.ofMinutes(5));
    vm.pauseOnLowBatteryProperty().set(false);
    assertThat(vm.pauseOnLowBatteryProperty().get()).isTrue();
    assertThat(agent.calls).isEmpty();
  }

  @Test
  void settingsAreReadOnceNotAtEveryRefresh() {
    QueueViewModel vm = vm(new InlineTaskRunner());
    vm.refresh();
    agent.interval = Duration.ofHours(1); // not through the screen
    vm.refresh();
    assertThat(vm.intervalProperty().get().interval()).isEqualTo(Duration.ofMinutes(5));
  }
}
