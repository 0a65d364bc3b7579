package io.stockroom.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockroom.domain.ConflictService;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.ItemField;
import io.stockroom.domain.SyncConflict;
import io.stockroom.domain.SyncStatus;
import io.stockroom.domain.ValidationException;
import io.stockroom.server.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every choice in the conflict dialog can be taken back until it is sent. */
class ConflictUndoTest {

  @TempDir static Path shared;
  static TestServer server;
  static int nextSku = 2;
  @TempDir Path tmp;
  final List<Laptop> laptops = new ArrayList<>();
  Laptop a;
  Laptop b;
  Item onB;
  SyncConflict conflict;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(shared.resolve("server"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void conflictOnTheSameField() {
    String sku = String.format("SKU-%06d", nextSku++);
    a = Laptop.at(tmp.resolve("a")).signIn(server, "demo");
    b = Laptop.at(tmp.resolve("b")).signIn(server, "demo");
    laptops.addAll(List.of(a, b));
    assertThat(a.sync().ok()).isTrue();
    assertThat(b.sync().ok()).isTrue();
    Item onA = a.store.catalog().findBySku(sku).orElseThrow();
    onB = b.store.catalog().findBySku(sku).orElseThrow();
    a.store.catalog().update(onA.id(), ItemDraft.of(onA.sku(), "Name from A"));
    b.store.catalog().update(onB.id(), ItemDraft.of(onB.sku(), "Name from B"));
    assertThat(a.sync().accepted()).isEqualTo(1);
    assertThat(b.sync().conflicts()).isEqualTo(1);
    conflict = b.store.sync().conflicts(true).get(0);
  }

  @AfterEach
  void stop() {
    Laptop.closeAll(laptops);
  }

  ConflictService inbox() {
    return b.store.conflictInbox();
  }

  @Test
  void aMergeIsUndoneUntilItIsSent() {
    inbox().resolveItem(conflict.id(), Map.of(ItemField.NAME, "Name from B, kept"));
    assertThat(b.store.catalog().get(onB.id()).orElseThrow().name()).isEqualTo("Name from B, kept");
    assertThat(b.store.outbox().pendingCount()).isEqualTo(1);
    assertThat(inbox().canUndo(conflict.id())).isTrue();

    inbox().undo(conflict.id());

    // Open again, the record as it was before the choice, and nothing left to send.
    assertThat(inbox().list(false)).extracting(SyncConflict::id).containsExactly(conflict.id());
    Item back = b.store.catalog().get(onB.id()).orElseThrow();
    assertThat(back.name()).isEqualTo("Name from A");
    assertThat(back.syncStatus()).isEqualTo(SyncStatus.CONFLICT);
    assertThat(b.store.outbox().pendingCount()).isZero();
    assertThat(b.sync().pushed()).isZero();

    // Decided again, and sent: from then on it stays.
    inbox().resolveItem(conflict.id(), Map.of(ItemField.NAME, "Name from B, final"));
    CycleResult sent = b.sync();
    assertThat(sent.accepted()).isEqualTo(1);
    assertThat(inbox().canUndo(conflict.id())).isFalse();
    assertThatThrownBy(() -> inbox().undo(conflict.id()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("already sent");
    assertThat(a.sync().ok()).isTrue();
    assertThat(a.store.catalog().get(onB.id()).orElseThrow().name())
        .isEqualTo("Name from B, final");
  }

  @Test
  void keepingTheServersVersionIsUndoneUntilTheNextSync() {
    inbox().dismiss(conflict.id());
    assertThat(inbox().canUndo(conflict.id())).isTrue();
    inbox().undo(conflict.id());
    assertThat(inbox().openCount()).isEqualTo(1);

    inbox().dismiss(conflict.id());
    assertThat(b.sync().ok()).isTrue();
    assertThat(inbox().canUndo(conflict.id())).isFalse();
    assertThat(b.store.catalog().get(onB.id()).orElseThrow().syncStatus())
        .isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void aChoiceAlreadyClaimedForAPushStays() {
    inbox().resolveItem(conflict.id(), Map.of(ItemField.NAME, "Name from B"));
    b.store.outbox().markInFlight(List.of(b.store.outbox().open().get(0).id()));
    assertThat(inbox().canUndo(conflict.id())).isFalse();
    assertThatThrownBy(() -> inbox().undo(conflict.id())).isInstanceOf(ValidationException.class);
  }
}
