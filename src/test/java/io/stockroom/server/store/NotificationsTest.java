package io.stockroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The messages between server processes (decision record 0054): what is sent is read back whole
 * whatever its size, a process ignores its own, and a line it cannot read costs only that line. The
 * delivery itself is tested on PostgreSQL ({@code ServerProcessesTest}).
 */
class NotificationsTest {

  private static final String ME = UUID.randomUUID().toString();
  private static final String OTHER = UUID.randomUUID().toString();

  @Test
  void manyChangesSplitIntoPayloadsPostgresTakesAndReadBackWhole() {
    List<String> lines = new ArrayList<>();
    List<Change> sent = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Change c = new Change(EntityType.STOCK_LEVELS, UUID.randomUUID(), 1_000L + i);
      sent.add(c);
      lines.add("C " + c.entity().wireName() + " " + c.siteId() + " " + c.version());
    }
    List<String> payloads = Notifications.payloads(OTHER, lines);
    assertThat(payloads).hasSizeGreaterThan(1);
    List<Change> read = new ArrayList<>();
    for (String p : payloads) {
      assertThat(p.length()).isLessThanOrEqualTo(Notifications.MAX_PAYLOAD);
      read.addAll(Notifications.parse(ME, p).orElseThrow().changes());
    }
    assertThat(read).isEqualTo(sent);
  }

  @Test
  void sharedRecordsUserAndTokenMessagesReadBack() {
    UUID user = UUID.randomUUID();
    String payload =
        Notifications.payloads(
                OTHER,
                List.of(
                    "C items - 42", "U " + user + " your sites changed", "T " + "ab".repeat(32)))
            .get(0);
    Notifications.Message m = Notifications.parse(ME, payload).orElseThrow();
    assertThat(m.changes()).containsExactly(new Change(EntityType.ITEMS, null, 42));
    assertThat(m.users()).containsExactly(new Notifications.UserChange(user, "your sites changed"));
    assertThat(m.tokens()).containsExactly("ab".repeat(32));
  }

  @Test
  void aProcessIgnoresItsOwnMessagesAndLinesItCannotRead() {
    String mine = Notifications.payloads(ME, List.of("C items - 1")).get(0);
    assertThat(Notifications.parse(ME, mine)).isEmpty();

    String odd =
        OTHER
            + "\nC items - not-a-number\nC nothing - 3\nX what\nU not-a-uuid\nC\n"
            + "C stock_counts - 7";
    Notifications.Message m = Notifications.parse(ME, odd).orElseThrow();
    assertThat(m.changes()).containsExactly(new Change(EntityType.STOCK_COUNTS, null, 7));
    assertThat(m.users()).isEmpty();
  }

  @Test
  void everySchemaGetsAChannelPostgresAccepts() {
    assertThat(Notifications.channelFor("public")).isEqualTo("stockroom_public");
    for (String schema : List.of("Mixed Case", "x".repeat(80), "quote\"d", "ünïcode")) {
      String channel = Notifications.channelFor(schema);
      assertThat(channel).matches("stockroom_[0-9a-f]{32}");
      assertThat(channel).isNotEqualTo(Notifications.channelFor(schema + "2"));
    }
  }
}
