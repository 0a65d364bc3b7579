package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.shell.WindowKeeper;
import io.stockroom.app.shell.WindowPlacement.Placement;
import io.stockroom.app.shell.WindowPlacement.Rect;
import io.stockroom.domain.IdGenerator;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window opens sized to the screen, comes back where it was left, and stays on screen. */
class WindowAppTest extends AppUiTestBase {

  @TempDir Path profile;

  private Stage stage() {
    return onFx(() -> (Stage) node("searchField").getScene().getWindow());
  }

  private Rect bounds() {
    return onFx(
        () -> {
          Stage s = stage();
          return new Rect(s.getX(), s.getY(), s.getWidth(), s.getHeight());
        });
  }

  private Rectangle2D screen() {
    return onFx(() -> Screen.getPrimary().getVisualBounds());
  }

  @Test
  void firstStartFitsTheScreenAndARestartComesBackWhereItWasLeft() throws Exception {
    startOn(profile);
    eventually(() -> visible("searchField"));
    Rect first = bounds();
    Rectangle2D screen = screen();
    assertThat(first.width()).isLessThanOrEqualTo(screen.getWidth()).isGreaterThan(800);
    assertThat(first.height()).isLessThanOrEqualTo(screen.getHeight()).isGreaterThan(500);
    assertThat(first.x()).isGreaterThanOrEqualTo(screen.getMinX());
    assertThat(first.y()).isGreaterThanOrEqualTo(screen.getMinY());

    runOnFx(
        () -> {
          Stage s = stage();
          s.setX(20);
          s.setY(30);
          s.setWidth(1000);
          s.setHeight(650);
        });
    stopApp();
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure())) {
      assertThat(store.settings().get(WindowKeeper.SETTING)).contains("20,30,1000,650,false");
    }

    startOn(profile);
    eventually(() -> visible("searchField"));
    assertThat(bounds()).isEqualTo(new Rect(20, 30, 1000, 650));
  }

  @Test
  void aPlaceOffTheScreenIsBroughtBackOn() throws Exception {
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure())) {
      store
          .settings()
          .put(
              WindowKeeper.SETTING,
              new Placement(new Rect(5000, 3000, 4000, 3000), false).encode());
    }
    startOn(profile);
    eventually(() -> visible("searchField"));
    Rect r = bounds();
    Rectangle2D screen = screen();
    assertThat(r.x()).isGreaterThanOrEqualTo(screen.getMinX());
    assertThat(r.y()).isGreaterThanOrEqualTo(screen.getMinY());
    assertThat(r.x() + r.width()).isLessThanOrEqualTo(screen.getMaxX());
    assertThat(r.y() + r.height()).isLessThanOrEqualTo(screen.getMaxY());
  }
}
