package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockroom.sync.OshiPowerSource.Cell;
import io.stockroom.sync.PowerSource.Reading;
import java.util.List;
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
  void oshiSourcesCombineIntoOneReading() {
    var plugged = OshiPowerSource.combine(List.of(new Cell(true, 0.05)));
    assertThat(plugged.onBattery()).isFalse();
    assertThat(low(plugged)).isFalse();

    var twoBatteries = OshiPowerSource.combine(List.of(new Cell(false, 0.1), new Cell(false, 0.3)));
    assertThat(twoBatteries.onBattery()).isTrue();
    assertThat(twoBatteries.percent()).isCloseTo(20.0, within(1e-9));
    assertThat(low(twoBatteries)).isFalse();

    var oneOutOfRange = OshiPowerSource.combine(List.of(new Cell(false, -1), new Cell(false, 0.1)));
    assertThat(oneOutOfRange.percent()).isCloseTo(10.0, within(1e-9));
    assertThat(low(oneOutOfRange)).isTrue();

    assertThat(OshiPowerSource.combine(List.of(new Cell(false, 2))).percent()).isNaN();
    assertThat(OshiPowerSource.combine(List.of()).known()).isFalse();
  }

  @Test
  void theOshiSourceWorksOnThisMachine() {
    OshiPowerSource oshi = new OshiPowerSource();
    Reading reading = oshi.read();
    assertThat(oshi.working()).as("OSHI loaded and answered without failing").isTrue();
    assertThat(oshi.read().known()).isEqualTo(reading.known());
  }
}
