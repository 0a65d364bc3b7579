package io.stockroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pulled timestamps: the server's form read by hand, agreeing with {@link Instant#parse}. */
class PulledTimeTest {

  @Test
  void readsTheServersFormLikeInstantParse() {
    for (String s :
        new String[] {
          "2026-04-09T10:00:00.000Z",
          "2026-11-25T23:59:59.999Z",
          "2024-02-29T00:00:00.001Z",
          "1999-12-31T12:34:56.789Z"
        }) {
      assertThat(RecordFields.parseInstant(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @Test
  void otherIsoFormsStillParse() {
    assertThat(RecordFields.parseInstant("2026-04-09T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-04-09T10:00:00Z"));
    assertThat(RecordFields.parseInstant("2026-04-09T10:00:00.123456Z"))
        .isEqualTo(Instant.parse("2026-04-09T10:00:00.123456Z"));
  }

  @Test
  void impossibleDatesFail() {
    assertThatThrownBy(() -> RecordFields.parseInstant("2026-02-30T10:00:00.000Z"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> RecordFields.parseInstant("2026-04-09T25:00:00.000Z"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> RecordFields.parseInstant("2026-04-09T1x:00:00.000Z"))
        .isInstanceOf(DateTimeException.class);
  }
}
