package io.stockroom.sync;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The battery as OSHI reads it. Nothing of OSHI (or JNA under it) is loaded until the first {@link
 * #read()}, which the sync agent makes on its own thread at an interval tick, so start-up and the
 * FX thread never pay for it. Any failure, including a missing native library, makes the reading
 * unknown from then on.
 */
public final class OshiPowerSource implements PowerSource {

  private static final Logger LOG = LoggerFactory.getLogger(OshiPowerSource.class);

  private volatile boolean broken;

  @Override
  public Reading read() {
    if (broken) {
      return Reading.unknown();
    }
    try {
      return Oshi.read();
    } catch (RuntimeException | LinkageError e) {
      broken = true;
      LOG.info(
          "battery state cannot be read here; background sync never pauses for it: {}",
          e.toString());
      return Reading.unknown();
    }
  }

  /** Every OSHI reference lives here, so loading the outer class loads no OSHI class. */
  private static final class Oshi {

    private static final oshi.hardware.HardwareAbstractionLayer HAL =
        new oshi.SystemInfo().getHardware();

    static Reading read() {
      List<oshi.hardware.PowerSource> sources = HAL.getPowerSources();
      if (sources.isEmpty()) {
        return Reading.unknown();
      }
      boolean pluggedIn = false;
      double sum = 0;
      int counted = 0;
      for (oshi.hardware.PowerSource s : sources) {
        pluggedIn |= s.isPowerOnLine();
        double fraction = s.getRemainingCapacityPercent(); // OSHI: 0.0 to 1.0
        if (fraction >= 0 && fraction <= 1) {
          sum += fraction * 100;
          counted++;
        }
      }
      double percent = counted == 0 ? Double.NaN : sum / counted;
      return pluggedIn ? Reading.pluggedIn(percent) : Reading.onBattery(percent);
    }
  }
}
