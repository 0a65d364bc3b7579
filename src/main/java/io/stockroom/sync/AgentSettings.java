package io.stockroom.sync;

import io.stockroom.store.Settings;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile's sync settings: the background interval and whether it pauses on a low battery, kept
 * in the profile so that they hold for later runs.
 */
final class AgentSettings {

  private static final Logger LOG = LoggerFactory.getLogger(AgentSettings.class);

  static final String INTERVAL = "sync.interval_seconds";
  static final String PAUSE_ON_LOW_BATTERY = "sync.pause_on_low_battery";

  private final Settings settings;
  private volatile boolean pauseOnLowBattery;

  AgentSettings(Settings settings) {
    this.settings = settings;
    this.pauseOnLowBattery =
        settings.get(PAUSE_ON_LOW_BATTERY).map(v -> !"false".equals(v)).orElse(true);
  }

  /** The stored interval; empty when none is stored or what is stored is not a whole second. */
  Optional<Duration> interval() {
    return settings
        .get(INTERVAL)
        .flatMap(
            v -> {
              try {
                long seconds = Long.parseLong(v.strip());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
              } catch (NumberFormatException e) {
                LOG.warn("ignored setting {}={}: not a number of seconds", INTERVAL, v);
                return Optional.empty();
              }
            });
  }

  /**
   * Stores a new interval, in whole seconds, at least one; zero turns the interval off.
   *
   * @return the interval stored
   */
  Duration setInterval(Duration interval) {
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be zero or positive: " + interval);
    }
    long seconds = interval.isZero() ? 0 : Math.max(1, interval.toSeconds());
    settings.put(INTERVAL, Long.toString(seconds));
    return Duration.ofSeconds(seconds);
  }

  boolean pauseOnLowBattery() {
    return pauseOnLowBattery;
  }

  void setPauseOnLowBattery(boolean pause) {
    settings.put(PAUSE_ON_LOW_BATTERY, Boolean.toString(pause));
    pauseOnLowBattery = pause;
  }
}
