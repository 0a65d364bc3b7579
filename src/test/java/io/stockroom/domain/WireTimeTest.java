package io.stockroom.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** The one time codec: its own form read by hand, agreeing with {@link Instant#parse}. */
class WireTimeTest {

  @Test
  void readsTheServersFormLikeInstantParse() {
    for (String s :
        new String[] {
          "2026-04-09T10:00:00.000Z",
          "2026-11-25T23:59:59.999Z",
          "2024-02-29T00:00:00.001Z",
          "1999-12-31T12:34:56.789Z"
        }) {
      assertThat(WireTime.parse(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @Test
  void otherIsoFormsStillParse() {
    assertThat(WireTime.parse("2026-04-09T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-04-09T10:00:00Z"));
    assertThat(WireTime.parse("2026-04-09T10:00:00.123456Z"))
        .as("cut to milliseconds, as every instant on the wire")
        .isEqualTo(Instant.parse("2026-04-09T10:00:00.123Z"));
  }

  @Test
  void impossibleDatesFail() {
    assertThatThrownBy(() -> WireTime.parse("2026-02-30T10:00:00.000Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> WireTime.parse("2026-04-09T25:00:00.000Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> WireTime.parse("2026-04-09T1x:00:00.000Z"))
        .isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void formsInstantParseTakesStayTaken() {
    for (String s : new String[] {"2026-04-09T24:00:00.000Z", "2026-06-30T23:59:60.000Z"}) {
      assertThat(WireTime.parse(s))
          .as(s)
          .isEqualTo(Instant.parse(s).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
  }

  /** Property: every instant of years 1000 to 9999, written and read back, is itself. */
  @Test
  void whatIsWrittenReadsBack() {
    java.util.Random r = new java.util.Random(42);
    long min = Instant.parse("1000-01-01T00:00:00Z").toEpochMilli();
    long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochMilli(min + (long) (r.nextDouble() * (max - min)));
      String text = WireTime.format(t);
      assertThat(text).hasSize(24);
      assertThat(WireTime.parse(text)).as(text).isEqualTo(t);
    }
  }
}
