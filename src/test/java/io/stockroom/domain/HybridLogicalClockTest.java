package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HybridLogicalClockTest {

  /** A wall clock the test moves by hand. */
  static final class HandClock extends Clock {
    long millis;

    HandClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
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

  @Test
  void staysMonotonicWhenTheWallClockJumpsBack() {
    HandClock wall = new HandClock(1_000_000);
    HybridLogicalClock hlc = new HybridLogicalClock(wall, "a1b2c3d4");
    Hlc first = hlc.now();
    wall.millis -= 3_600_000;
    Hlc second = hlc.now();
    Hlc third = hlc.now();
    wall.millis = 2_000_000;
    Hlc fourth = hlc.now();

    assertThat(second).isGreaterThan(first);
    assertThat(second.wallMillis()).isEqualTo(first.wallMillis());
    assertThat(third).isGreaterThan(second);
    assertThat(fourth).isGreaterThan(third);
    assertThat(fourth.counter()).isZero();
  }

  @Test
  void receiveMovesPastARemoteStamp() {
    HandClock wall = new HandClock(1_000);
    HybridLogicalClock hlc = new HybridLogicalClock(wall, "local");
    Hlc remote = new Hlc(50_000, 7, "remote");

    Hlc merged = hlc.receive(remote);

    assertThat(merged).isGreaterThan(remote);
    assertThat(hlc.now()).isGreaterThan(merged);
  }

  @Test
  void resumesAfterAPersistedStamp() {
    Hlc persisted = new Hlc(9_000, 3, "node1");
    HybridLogicalClock hlc = new HybridLogicalClock(new HandClock(1_000), "node1", persisted);

    assertThat(hlc.peek()).isEqualTo(persisted);
    assertThat(hlc.now()).isGreaterThan(persisted);
  }

  @Test
  void textRoundTripsAndSortsLikeValues() {
    Hlc a = new Hlc(0x18f2c3a1b2cL, 1, "abcdef01");
    Hlc b = new Hlc(0x18f2c3a1b2cL, 0x10, "abcdef01");

    assertThat(a.toString()).isEqualTo("0000018f2c3a1b2c-0001-abcdef01");
    assertThat(Hlc.parse(a.toString())).isEqualTo(a);
    assertThat(a.toString().compareTo(b.toString())).isNegative();
    assertThat(a).isLessThan(b);
    assertThatThrownBy(() -> Hlc.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
  }
}
