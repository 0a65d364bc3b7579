package io.stockroom.sync;

/**
 * Where the laptop's power comes from, as far as the operating system says. The real one is {@link
 * OshiPowerSource}; tests give a fixed reading.
 */
@FunctionalInterface
public interface PowerSource {

  /** The current reading; never throws for a machine that cannot tell (it answers unknown). */
  Reading read();

  /**
   * One reading. {@code known} false: no battery found, or the system could not be asked. {@code
   * percent}: remaining charge 0-100, or NaN when the system does not say.
   */
  record Reading(boolean known, boolean onBattery, double percent) {

    public static Reading unknown() {
      return new Reading(false, false, Double.NaN);
    }

    /** Running on the battery with this much charge left (NaN if not reported). */
    public static Reading onBattery(double percent) {
      return new Reading(true, true, percent);
    }

    /** Plugged in (charging or full); the percent does not matter then. */
    public static Reading pluggedIn(double percent) {
      return new Reading(true, false, percent);
    }
  }
}
