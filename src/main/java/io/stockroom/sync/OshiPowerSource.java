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

  /** One power source as OSHI reports it: on line or not, and its charge from 0.0 to 1.0. */
  record Cell(boolean powerOnLine, double remainingFraction) {}

  /**
   * The reading for what OSHI lists: plugged in if any source is on line, the charge averaged over
   * the sources that report one in range; no source at all is unknown.
   */
  static Reading combine(List<Cell> cells) {
    if (cells.isEmpty()) {
      return Reading.unknown();
    }
    boolean pluggedIn = false;
    double sum = 0;
    int counted = 0;
    for (Cell c : cells) {
      pluggedIn |= c.powerOnLine();
      if (c.remainingFraction() >= 0 && c.remainingFraction() <= 1) {
        sum += c.remainingFraction() * 100;
        counted++;
      }
    }
    double percent = counted == 0 ? Double.NaN : sum / counted;
    return pluggedIn ? Reading.pluggedIn(percent) : Reading.onBattery(percent);
  }

  /** Whether OSHI could be used on this machine (false once a read failed). */
  boolean working() {
    return !broken;
  }

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
      return combine(
          HAL.getPowerSources().stream()
              .map(p -> new Cell(p.isPowerOnLine(), p.getRemainingCapacityPercent()))
              .toList());
    }
  }
}
