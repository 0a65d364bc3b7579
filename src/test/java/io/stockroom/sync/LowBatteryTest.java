package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.sync.PowerSource.Reading;
import org.junit.jupiter.api.Test;

/** The low-battery rule of DESIGN.md section 7: on battery and below 15%; unknown is not low. */
class LowBatteryTest {

  static boolean low(Reading r) {
    return new LowBattery(() -> r).getAsBoolean();
  }

  @Test
  void onBatteryBelowFifteenPercentIsLow() {
    assertThat(low(Reading.onBattery(14.9))).isTrue();
    assertThat(low(Reading.onBattery(0))).isTrue();
  }

  @Test
  void fifteenPercentOrMoreIsNotLow() {
    assertThat(low(Reading.onBattery(15))).isFalse();
    assertThat(low(Reading.onBattery(80))).isFalse();
  }

  @Test
  void pluggedInIsNeverLowWhateverTheCharge() {
    assertThat(low(Reading.pluggedIn(3))).isFalse();
  }

  @Test
  void unknownOrUnreportedChargeIsNotLow() {
    assertThat(low(Reading.unknown())).isFalse();
    assertThat(low(Reading.onBattery(Double.NaN))).isFalse();
    assertThat(low(null)).isFalse();
  }

  @Test
  void aFailingPowerSourceCountsAsNotLow() {
    assertThat(
            new LowBattery(
                    () -> {
                      throw new IllegalStateException("no battery driver");
                    })
                .getAsBoolean())
        .isFalse();
    assertThat(
            new LowBattery(
                    () -> {
                      throw new UnsatisfiedLinkError("jnidispatch");
                    })
                .getAsBoolean())
        .isFalse();
  }

  @Test
  void theOshiSourceAnswersOnThisMachineWithoutThrowing() {
    OshiPowerSource oshi = new OshiPowerSource();
    Reading first = oshi.read();
    Reading second = oshi.read();
    for (Reading r : new Reading[] {first, second}) {
      assertThat(r).isNotNull();
      if (r.known() && !Double.isNaN(r.percent())) {
        assertThat(r.percent()).isBetween(0.0, 100.0);
      }
      if (!r.known()) {
        assertThat(r.onBattery()).isFalse();
      }
    }
    assertThat(second.known()).isEqualTo(first.known());
  }
}
