package io.stockroom.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.shell.WindowPlacement.Placement;
import io.stockroom.app.shell.WindowPlacement.Rect;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {

  private static final Rect LAPTOP = new Rect(0, 0, 1366, 728); // 1366x768 less a task bar
  private static final Rect DESK = new Rect(0, 0, 1920, 1040);
  private static final Rect RIGHT = new Rect(1920, 0, 1920, 1040);

  @Test
  void aFirstStartTakesMostOfTheScreenCentred() {
    Placement p = WindowPlacement.place(Optional.empty(), List.of(LAPTOP));
    assertThat(p.bounds().width()).isEqualTo(1229.4, org.assertj.core.data.Offset.offset(0.1));
    assertThat(p.bounds().height()).isEqualTo(655.2, org.assertj.core.data.Offset.offset(0.1));
    assertInside(p.bounds(), LAPTOP);
    assertThat(p.maximized()).isFalse();

    Rect big = WindowPlacement.place(Optional.empty(), List.of(DESK)).bounds();
    assertThat(big.width()).isEqualTo(1600);
    assertThat(big.height()).isEqualTo(936);
    assertThat(big.x()).isEqualTo(160);
  }

  @Test
  void aSavedPlaceOnAScreenIsKept() {
    Placement saved = new Placement(new Rect(2000, 100, 1200, 800), true);
    assertThat(WindowPlacement.place(Optional.of(saved), List.of(DESK, RIGHT))).isEqualTo(saved);
  }

  @Test
  void aWindowAcrossTwoScreensStaysOnTheOneHoldingMostOfIt() {
    // 220 px on the primary, 980 px on the right-hand screen.
    Placement saved = new Placement(new Rect(1700, 100, 1200, 800), false);
    Rect r = WindowPlacement.place(Optional.of(saved), List.of(DESK, RIGHT)).bounds();
    assertInside(r, RIGHT);
    assertThat(r).isEqualTo(new Rect(1920, 100, 1200, 800));
  }

  @Test
  void aWindowOnAMonitorNoLongerThereComesBackToThePrimary() {
    Placement saved = new Placement(new Rect(2000, 100, 1200, 800), false);
    Rect r = WindowPlacement.place(Optional.of(saved), List.of(LAPTOP)).bounds();
    assertInside(r, LAPTOP);
    assertThat(r.width()).isEqualTo(1200);
    assertThat(r.height()).isEqualTo(728);
  }

  @Test
  void aWindowPartlyOffScreenIsPulledOnAndShrunk() {
    Placement saved = new Placement(new Rect(900, -5, 1800, 1000), false);
    Rect r = WindowPlacement.place(Optional.of(saved), List.of(LAPTOP)).bounds();
    assertThat(r).isEqualTo(new Rect(0, 0, 1366, 728));

    Placement hidden = new Placement(new Rect(-1190, 300, 1200, 600), false);
    Rect back = WindowPlacement.place(Optional.of(hidden), List.of(LAPTOP)).bounds();
    assertInside(back, LAPTOP);
  }

  @Test
  void aScreenSmallerThanTheLayoutGetsTheWholeScreen() {
    Rect tiny = new Rect(0, 0, 800, 560);
    assertThat(WindowPlacement.place(Optional.empty(), List.of(tiny)).bounds()).isEqualTo(tiny);
    assertThat(WindowPlacement.minimumOn(tiny)).isEqualTo(new Rect(0, 0, 800, 560));
  }

  @Test
  void theSettingRoundTripsAndRefusesNonsense() {
    Placement p = new Placement(new Rect(10, 20, 1300, 700), true);
    assertThat(Placement.decode(p.encode())).contains(p);
    for (String bad :
        new String[] {
          "", "1,2,3", "a,b,c,d,true", "0,0,-5,10,false", "0,0,NaN,10,false", "1e300,0,900,600,x"
        }) {
      assertThat(Placement.decode(bad)).as(bad).isEmpty();
    }
    assertThat(Placement.decode(null)).isEmpty();
  }

  private static void assertInside(Rect r, Rect screen) {
    assertThat(r.x()).isGreaterThanOrEqualTo(screen.x());
    assertThat(r.y()).isGreaterThanOrEqualTo(screen.y());
    assertThat(r.x() + r.width()).isLessThanOrEqualTo(screen.x() + screen.width());
    assertThat(r.y() + r.height()).isLessThanOrEqualTo(screen.y() + screen.height());
  }
}
