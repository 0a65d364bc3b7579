package io.stockroom.app.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.FakeStore;
import io.stockroom.app.InlineTaskRunner;
import io.stockroom.app.LocalChanges;
import io.stockroom.app.QueuedTaskRunner;
import io.stockroom.app.SyncControl;
import io.stockroom.app.TaskRunner;
import io.stockroom.domain.SyncDesk;
import io.stockroom.sync.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The background sync settings on the sync screen: interval choice and low-battery pause. */
class SyncSettingsViewModelTest {

  /** The agent's side of the settings, kept in memory; can refuse writes. */
  static final class Agent implements SyncControl {
    Duration interval = Duration.ofMinutes(5);
    boolean pause = true;
    boolean refuse;
    final List<String> writes = new ArrayList<>();

    @Override
    public Duration interval() {
      return interval;
    }

    @Override
    public void setInterval(Duration d) {
      if (refuse) {
        throw new IllegalStateException("the profile is read-only");
      }
      writes.add("interval " + d.toSeconds());
      interval = d;
    }

    @Override
    public boolean pauseOnLowBattery() {
      return pause;
    }

    @Override
    public void setPauseOnLowBattery(boolean p) {
      if (refuse) {
        throw new IllegalStateException("the profile is read-only");
      }
      writes.add("pause " + p);
      pause = p;
    }

    @Override
    public void addListener(Consumer<SyncStatus> listener) {}

    @Override
    public void start() {}

    @Override
    public void syncNow() {}

    @Override
    public void localWrite() {}

    @Override
    public io.stockroom.app.PendingLogin logIn(String serverUrl, String user, String password)
        throws io.stockroom.app.SignInFailure {
      throw new io.stockroom.app.SignInFailure("Sync is not available here.", "");
    }

    @Override
    public void signOut() {}

    @Override
    public Optional<String> serverUrl() {
      return Optional.empty();
    }

    @Override
    public Optional<String> userName() {
      return Optional.empty();
    }
  }

  final Agent agent = new Agent();

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
    agent.pause = false;
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
    assertThat(agent.writes).isEmpty();
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
    assertThat(agent.writes).isEmpty(); // not on the caller's (FX) thread
    runner.runNext();
    assertThat(agent.writes).containsExactly("interval 1800");
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
    assertThat(agent.writes).containsExactly("pause false");
    assertThat(vm.messageProperty().get()).isEqualTo("Background sync runs whatever the battery.");
    vm.pauseOnLowBatteryProperty().set(true);
    assertThat(agent.writes).containsExactly("pause false", "pause true");
    assertThat(vm.messageProperty().get())
        .isEqualTo("Background sync pauses below 15% battery; Sync now still works.");
  }

  @Test
  void aRefusedChangeSaysWhyAndShowsWhatIsInForce() {
    QueueViewModel vm = vm(new InlineTaskRunner());
    vm.refresh();
    agent.refuse = true;
    vm.intervalProperty().set(new IntervalChoice(Duration.ofMinutes(1)));
    assertThat(vm.messageProperty().get()).contains("the profile is read-only");
    assertThat(vm.intervalProperty().get().interval()).isEqualTo(Duration.ofMinutes(5));
    vm.pauseOnLowBatteryProperty().set(false);
    assertThat(vm.pauseOnLowBatteryProperty().get()).isTrue();
    assertThat(agent.writes).isEmpty();
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
