package io.stockroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.WireTime;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

  private final JsonCodec codec = new JsonCodec();

  @Test
  void writesSnakeCaseAndMillisecondTimestamps() {
    String json = codec.writeString(new LoginRequest("u", "p", "laptop"));
    assertThat(json)
        .isEqualTo("{\"username\":\"u\",\"password\":\"p\",\"device_name\":\"laptop\"}");
    assertThat(codec.writeString(Instant.parse("2026-04-09T10:00:00Z")))
        .isEqualTo("\"2026-04-09T10:00:00.000Z\"");
    assertThat(codec.writeString(new PullResponse(List.of(), List.of(), "7", false)))
        .isEqualTo("{\"records\":[],\"deletions\":[],\"cursor\":\"7\",\"has_more\":false}");
  }

  @Test
  void readsAMutation() throws IOException {
    String json =
        "{\"idempotency_key\":\"00000000-0000-4000-8000-000000000001\",\"entity\":\"items\",\"action\":\"update\","
            + "\"entity_id\":\"00000000-0000-4000-8000-000000000002\",\"data\":{\"name\":\"x\"},\"base_version\":41,"
            + "\"client_updated_at\":\"2026-04-09T10:00:00.000Z\",\"field_clock\":{\"name\":\"0000018f2c3a1b2c-0001-lap\"}}";
    Mutation m = codec.read(json, Mutation.class);
    assertThat(m.idempotencyKey())
        .isEqualTo(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    assertThat(m.baseVersion()).isEqualTo(41L);
    assertThat(m.data().get("name").asText()).isEqualTo("x");
    assertThat(m.fieldClock()).containsEntry("name", "0000018f2c3a1b2c-0001-lap");
  }

  @Test
  void wrongTypesFail() {
    assertThatThrownBy(() -> codec.read("{\"username\": 5}", LoginRequest.class))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> codec.read("{\"base_version\": \"abc\"}", Mutation.class))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> codec.read("{\"entity_id\": \"not-a-uuid\"}", Mutation.class))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> codec.read("{\"mutations\": []} trailing", PushRequest.class))
        .isInstanceOf(IOException.class);
  }

  @Test
  void resultsOmitAbsentFields() {
    UUID key = UUID.fromString("00000000-0000-4000-8000-000000000001");
    assertThat(codec.writeString(MutationResult.rejected(key, "read_only", "no")))
        .isEqualTo(
            "{\"idempotency_key\":\""
                + key
                + "\",\"status\":\"rejected\",\"error\":{\"code\":\"read_only\",\"message\":\"no\"}}");
  }

  @Test
  void wireTimeAlwaysHasMilliseconds() {
    assertThat(WireTime.format(Instant.parse("2026-04-09T10:00:00Z")))
        .isEqualTo("2026-04-09T10:00:00.000Z");
    assertThat(WireTime.format(Instant.parse("2026-12-31T23:59:59.987654Z")))
        .isEqualTo("2026-12-31T23:59:59.987Z");
    assertThat(WireTime.format(Instant.parse("0999-01-02T03:04:05.006Z")))
        .isEqualTo("0999-01-02T03:04:05.006Z");
    assertThat(WireTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
  }
}
