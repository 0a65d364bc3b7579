package io.stockroom.app.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One entry of the background interval choice on the sync screen. */
public record IntervalChoice(Duration interval) {

  /** What the screen offers; a stored value not in this list is shown as well. */
  public static final List<Duration> OFFERED =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ZERO);

  /** The offered choices, plus {@code current} in order when it is not one of them. */
  public static List<IntervalChoice> around(Duration current) {
    List<Duration> all = new ArrayList<>(OFFERED);
    if (current != null && !all.contains(current)) {
      all.add(current);
    }
    all.sort((a, b) -> a.isZero() == b.isZero() ? a.compareTo(b) : a.isZero() ? 1 : -1); // off last
    return all.stream().map(IntervalChoice::new).toList();
  }

  /** "Every 5 minutes", "Every 90 seconds", "Off (Sync now and live changes only)". */
  public String label() {
    long s = interval.toSeconds();
    if (s == 0) {
      return "Off (Sync now and live changes only)";
    }
    if (s % 3600 == 0) {
      return s == 3600 ? "Every hour" : "Every " + s / 3600 + " hours";
    }
    if (s % 60 == 0) {
      return s == 60 ? "Every minute" : "Every " + s / 60 + " minutes";
    }
    return "Every " + s + " seconds";
  }

  @Override
  public String toString() {
    return label();
  }
}
