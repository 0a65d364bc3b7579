package io.stockroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.Hlc;
import io.stockroom.server.store.ServerClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ServerClockTest {

  private final Clock wall = Clock.fixed(Instant.parse("2026-04-09T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void formatsLikeHlcToString() {
    Hlc h = new Hlc(0x18f2c3a1b2cL, 0x1a, "server");
    assertThat(ServerClock.format(h)).isEqualTo(h.toString());
    assertThat(ServerClock.format(new Hlc(0, 0, "n"))).isEqualTo(new Hlc(0, 0, "n").toString());
  }

  @Test
  void mergesClientStampsButNotOnesFarAhead() {
    ServerClock clock = new ServerClock(wall, 60_000);
    Hlc near = new Hlc(wall.millis() + 5_000, 3, "lap");
    assertThat(clock.accept(near)).isEqualTo(near);
    assertThat(clock.now()).isGreaterThan(near);
    Hlc far = new Hlc(wall.millis() + 3_600_000, 0, "fast");
    Hlc stored = clock.accept(far);
    assertThat(stored.node()).isEqualTo("server");
    assertThat(stored).isLessThan(far);
  }

  @Test
  void refusesMalformedStamps() {
    assertThat(ServerClock.parseOrNull("nope")).isNull();
    assertThat(ServerClock.parseOrNull("ffffffffffffffff-0000-x")).isNull();
    assertThat(ServerClock.parseOrNull("0000018f2c3a1b2c-0001-" + "n".repeat(41))).isNull();
    assertThat(ServerClock.parseOrNull("0000018f2c3a1b2c-0001-sp ace")).isNull();
    assertThat(ServerClock.parseOrNull("0000018f2c3a1b2c-0001-lap")).isNotNull();
  }
}
