package io.stockroom.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock tests set and move, backwards too. */
public final class TestClock extends Clock {

  private Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  public static TestClock at(String iso) {
    return new TestClock(Instant.parse(iso));
  }

  public synchronized void set(Instant instant) {
    now = instant;
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public synchronized Instant instant() {
    return now;
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
