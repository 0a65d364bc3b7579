package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemNote;
import io.stockroom.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes are last-write-wins by HLC, not by arrival: an edit made earlier (by the hybrid clock) but
 * pushed later must lose to the newer one already on the server.
 */
class NoteClockSyncTest {

  @TempDir Path tmp;
  TestServer server;
  Laptop early;
  Laptop late;

  @AfterEach
  void stop() {
    Laptop.closeAll(List.of(early, late));
    server.close();
  }

  @Test
  void theLaterEditWinsEvenWhenItArrivesFirst() {
    server = TestServer.start(tmp.resolve("server"));
    MutableClock lateClock = new MutableClock(Duration.ZERO);
    late =
        new Laptop(tmp.resolve("late"), lateClock, 11, HttpTransport::new).signIn(server, "demo");
    early =
        new Laptop(
                tmp.resolve("early"),
                new MutableClock(Duration.ofMinutes(-30)),
                12,
                HttpTransport::new)
            .signIn(server, "demo");

    Item item = late.store.catalog().create(ItemDraft.of("NOTE-1", "Pallet wrap"));
    ItemNote note = late.store.catalog().addNote(item.id(), "first", "ana");
    assertThat(late.sync().outcome()).isEqualTo("ok");
    assertThat(early.sync().outcome()).isEqualTo("ok");
    assertThat(early.store.catalog().notes(item.id()))
        .extracting(ItemNote::body)
        .containsExactly("first");

    // The late laptop edits a minute on and pushes at once.
    lateClock.advance(Duration.ofMinutes(1));
    late.store.catalog().updateNote(note.id(), "newer, from the late laptop");
    assertThat(late.sync().outcome()).isEqualTo("ok");

    // The early laptop's edit is older by its hybrid clock, though it reaches the server last.
    early.store.catalog().updateNote(note.id(), "older, from the early laptop");
    assertThat(early.sync().outcome()).isEqualTo("ok");
    late.sync();

    assertThat(early.store.catalog().notes(item.id()))
        .extracting(ItemNote::body)
        .containsExactly("newer, from the late laptop");
    assertThat(late.store.catalog().notes(item.id()))
        .extracting(ItemNote::body)
        .containsExactly("newer, from the late laptop");
  }
}
