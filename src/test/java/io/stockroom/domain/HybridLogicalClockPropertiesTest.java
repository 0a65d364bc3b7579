package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.HybridLogicalClockTest.HandClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the hybrid logical clocks, over many seeded runs of random events: a wall clock
 * that stands still, jumps back by up to an hour or forward, local events and stamps received from
 * other nodes. A failing run names its seed, so it can be replayed.
 */
class HybridLogicalClockPropertiesTest {

  static final int RUNS = 300;
  static final int EVENTS = 400;
  static final long START = 1_780_000_000_000L;

  /** One step of a run: the wall clock moves, then a local event or a received stamp. */
  static Hlc step(long seed, Random r, HandClock wall, HybridLogicalClock clock, List<Hlc> seen) {
    switch (r.nextInt(5)) {
      case 0 -> wall.millis = Math.max(0, wall.millis - r.nextInt(3_600_000)); // NTP, a bad battery
      case 1 -> wall.millis += r.nextInt(5_000);
      default -> {} // many events within one millisecond
    }
    if (r.nextInt(3) == 0) {
      Hlc remote =
          new Hlc(
              Math.max(0, wall.millis + r.nextInt(120_000) - 60_000),
              r.nextInt(Hlc.MAX_COUNTER + 1),
              "peer" + r.nextInt(3));
      Hlc got = clock.receive(remote);
      assertThat(got).as("seed %d", seed).isGreaterThan(remote);
      seen.add(remote);
      return got;
    }
    return clock.now();
  }

  @Test
  void everyStampSortsAfterEveryEarlierOneAndAfterWhatWasReceived() {
    for (long seed = 0; seed < RUNS; seed++) {
      Random r = new Random(seed);
      HandClock wall = new HandClock(START);
      HybridLogicalClock clock = new HybridLogicalClock(wall, "lap");
      List<Hlc> received = new ArrayList<>();
      Hlc last = null;
      for (int i = 0; i < EVENTS; i++) {
        Hlc next = step(seed, r, wall, clock, received);
        if (last != null) {
          assertThat(next).as("seed %d, event %d", seed, i).isGreaterThan(last);
        }
        assertThat(clock.peek()).as("seed %d", seed).isEqualTo(next);
        last = next;
      }
      for (Hlc remote : received) {
        assertThat(last).as("seed %d", seed).isGreaterThan(remote);
      }
    }
  }

  @Test
  void aClockResumedFromItsLastStampNeverGoesBack() {
    for (long seed = 0; seed < RUNS; seed++) {
      Random r = new Random(seed);
      HandClock wall = new HandClock(START);
      HybridLogicalClock before = new HybridLogicalClock(wall, "lap");
      Hlc last = null;
      for (int i = 0; i < EVENTS / 4; i++) {
        last = step(seed, r, wall, before, new ArrayList<>());
      }
      // The process dies; it comes back with the wall clock anywhere within the last hour.
      wall.millis = Math.max(0, wall.millis - r.nextInt(3_600_000));
      HybridLogicalClock after = new HybridLogicalClock(wall, "lap", last);
      assertThat(after.now()).as("seed %d", seed).isGreaterThan(last);
    }
  }

  @Test
  void textReadsBackAndSortsAsTheStampsDo() {
    Random r = new Random(7);
    List<Hlc> stamps = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      long wall = r.nextInt(4) == 0 ? r.nextLong() & Long.MAX_VALUE : START + r.nextInt(1000);
      stamps.add(new Hlc(wall, r.nextInt(Hlc.MAX_COUNTER + 1), "n" + r.nextInt(20)));
    }
    for (int i = 0; i + 1 < stamps.size(); i++) {
      Hlc a = stamps.get(i);
      Hlc b = stamps.get(i + 1);
      assertThat(Hlc.parse(a.toString())).isEqualTo(a);
      assertThat(Integer.signum(a.toString().compareTo(b.toString())))
          .as("%s vs %s", a, b)
          .isEqualTo(Integer.signum(a.compareTo(b)));
    }
  }

  @Test
  void burstsPastTheCounterBorrowTheNextMillisecond() {
    HandClock wall = new HandClock(START);
    HybridLogicalClock clock = new HybridLogicalClock(wall, "lap");
    Hlc last = clock.now();
    for (int i = 0; i < 3 * Hlc.MAX_COUNTER; i++) {
      Hlc next = clock.now();
      assertThat(next).isGreaterThan(last);
      last = next;
    }
    assertThat(last.wallMillis()).isGreaterThan(START + 1);
  }
}
