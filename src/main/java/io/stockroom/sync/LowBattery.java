package io.stockroom.sync;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule that pauses the background interval: running on the battery with less than 15% left.
 * Plugged in, no battery, an unknown percent or a power source that fails all count as "not low",
 * so a machine that cannot tell keeps syncing in the background. A manual sync is never paused.
 */
public final class LowBattery implements BooleanSupplier {

  private static final Logger LOG = LoggerFactory.getLogger(LowBattery.class);

  /** Below this many percent on battery, the interval pauses. */
  public static final double THRESHOLD_PERCENT = 15;

  private final PowerSource source;

  public LowBattery(PowerSource source) {
    this.source = source;
  }

  /** Whether this reading is low by the rule. */
  public static boolean isLow(PowerSource.Reading r) {
    return r != null
        && r.known()
        && r.onBattery()
        && !Double.isNaN(r.percent())
        && r.percent() < THRESHOLD_PERCENT;
  }

  @Override
  public boolean getAsBoolean() {
    try {
      return isLow(source.read());
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("battery state unknown: {}", e.toString());
      return false;
    }
  }
}
