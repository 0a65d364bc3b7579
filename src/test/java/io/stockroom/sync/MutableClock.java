package io.stockroom.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told: another clock shifted by an offset that tests set and move.
 * Over a fixed base ({@link #at(Instant)}) it is fully virtual, the world time of a simulation;
 * over that world clock it is one laptop's skewed view of it. Over the system clock it is the real
 * time, shifted.
 */
final class MutableClock extends Clock {

  private final Clock base;
  private volatile Duration offset;

  MutableClock(Clock base, Duration offset) {
    this.base = base;
    this.offset = offset;
  }

  /** The real clock shifted by {@code offset}. */
  MutableClock(Duration offset) {
    this(Clock.systemUTC(), offset);
  }

  /** A virtual clock standing at {@code start} until advanced. */
  static MutableClock at(Instant start) {
    return new MutableClock(Clock.fixed(start, ZoneOffset.UTC), Duration.ZERO);
  }

  void advance(Duration d) {
    offset = offset.plus(d);
  }

  void set(Duration d) {
    offset = d;
  }

  Duration offset() {
    return offset;
  }

  /** Moves a virtual clock to {@code t} (never backwards). */
  void advanceTo(Instant t) {
    Duration d = Duration.between(instant(), t);
    if (!d.isNegative()) {
      advance(d);
    }
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
