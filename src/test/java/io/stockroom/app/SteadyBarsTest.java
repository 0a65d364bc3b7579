package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import io.stockroom.sync.SyncStatus;
import io.stockroom.sync.SyncStatus.State;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing jumps (issue 16): while the sync state changes under a worker's eyes (online, live,
 * syncing with a count that grows, offline, changes waiting and failing), every slot of the status
 * bar and the top bar stays where it was and shows its whole text, in a 1366x768 window at normal
 * and at the largest text size.
 */
class SteadyBarsTest extends AppUiTestBase {

  private static final List<String> WATCHED =
      List.of(
          "statusConnection",
          "statusPending",
          "statusLastSync",
          "accountButton",
          "scanField",
          "textSizeMenu",
          "navItems");

  private final FakeStore store = new FakeStore();
  private final FakeSyncControl sync = new FakeSyncControl();

  @BeforeEach
  void start() throws Exception {
    sync.serverUrl = "https://stock.example.com";
    sync.userName = "dana";
    AppConfig config = new AppConfig(Path.of("unused"), Clock.systemUTC(), IdGenerator.seeded(1));
    startApp(
        () ->
            new StockroomApp(
                config, c -> new StoreOpener.OpenStore(store.services(), () -> {}, sync)));
  }

  private static List<SyncStatus> aShiftOfStates() {
    Instant t = Instant.parse("2026-12-07T08:15:00Z");
    SyncStatus online =
        SyncStatus.initial()
            .withAccount("https://stock.example.com", "dana")
            .withOutcome(State.ONLINE, t, null, null);
    return List.of(
        online,
        online.withLive(true),
        online.withState(State.SYNCING),
        online.withState(State.SYNCING).withProgress(2_500),
        online.withState(State.SYNCING).withProgress(100_000),
        online.withCounts(12, 0, 0).withOutcome(State.ONLINE, t.plusSeconds(1), null, null),
        online
            .withCounts(1_234, 56, 0)
            .withOutcome(State.OFFLINE, t.plusSeconds(35), "connection refused", t.plusSeconds(95)),
        online.withLive(true).withOutcome(State.ONLINE, t.plusSeconds(3_599), null, null));
  }

  /** Where each watched control starts, left to right, in the window. */
  private Map<String, Double> places() {
    return onFx(
        () -> {
          Map<String, Double> at = new LinkedHashMap<>();
          for (String id : WATCHED) {
            Node n = node(id);
            Bounds b = n.localToScene(n.getLayoutBounds());
            at.put(id, b.getMinX());
          }
          return at;
        });
  }

  private void holdStillThroughAShift() {
    publish(aShiftOfStates().get(0));
    Map<String, Double> first = places();
    List<String> moved = new ArrayList<>();
    for (SyncStatus s : aShiftOfStates()) {
      publish(s);
      Map<String, Double> now = places();
      String state = text("statusConnection") + " / " + text("statusPending");
      if (!now.equals(first)) {
        moved.add(state + ": " + now);
      }
      for (String p : onFx(() -> ScreenCheck.problems(node("statusConnection").getScene(), true))) {
        moved.add(state + ": " + p);
      }
    }
    assertThat(moved).as("first: " + first).isEmpty();
  }

  private void publish(SyncStatus s) {
    sync.publish(s);
    // The app copies the state onto the FX thread: wait until the bar shows this one.
    eventually(
        () ->
            text("statusPending")
                .startsWith(String.format(java.util.Locale.ROOT, "%,d pending", s.pending())));
    eventually(() -> text("statusConnection").startsWith(connectionWord(s)));
    onFx(
        () -> {
          node("statusConnection").getScene().getRoot().applyCss();
          node("statusConnection").getScene().getRoot().layout();
          return null;
        });
  }

  private static String connectionWord(SyncStatus s) {
    return switch (s.state()) {
      case ONLINE -> "Online";
      case OFFLINE -> "Offline";
      case SYNCING -> "Syncing";
      case SIGNED_OUT -> "";
    };
  }

  @Test
  void theBarsHoldStillAsTheSyncStateChanges() {
    eventually(() -> visible("firstRunPane"));
    // The smaller of the two screens of issue 16, where the bars have the least room.
    runOnFx(
        () -> {
          var w = node("statusConnection").getScene().getWindow();
          w.setWidth(1366);
          w.setHeight(768);
        });
    eventually(() -> node("statusConnection").getScene().getWidth() == 1366);
    holdStillThroughAShift();
    for (int i = 0; i < 8; i++) {
      shortcut(KeyCode.EQUALS); // up to the largest text size
    }
    eventually(() -> text("textSizeMenu").equals("157%"));
    holdStillThroughAShift();
  }
}
