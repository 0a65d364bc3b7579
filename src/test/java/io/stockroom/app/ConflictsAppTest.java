package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import io.stockroom.sync.SyncAgent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two profiles against an in-process server: the second one's app shows the conflict, resolves it
 * in the item dialog, and retries a failed change from the sync screen.
 */
class ConflictsAppTest extends AppUiTestBase {

  @TempDir Path tmp;
  TestServer server;

  @BeforeEach
  void startServer() {
    server = TestServer.start(tmp.resolve("server"));
  }

  @AfterEach
  void stopServer() throws Exception {
    stopApp();
    server.close();
  }

  /** Opens a profile with its agent, signs in as demo, runs {@code work} and one sync cycle. */
  private void laptop(String name, Consumer<LocalStore> work) throws Exception {
    try (LocalStore store =
        LocalStore.open(tmp.resolve(name), Clock.systemUTC(), IdGenerator.secure())) {
      try (SyncAgent agent =
          new SyncAgent(
              store,
              Clock.systemUTC(),
              SyncAgent.Options.defaults()
                  .withTimers(Duration.ofHours(1), Duration.ofHours(1))
                  .withLive(false))) {
        if (agent.serverUrl().isEmpty()) {
          agent.signIn(server.url(), "demo", "demo");
        }
        work.accept(store);
        agent.runOnce();
      }
    }
  }

  /** Changes a profile without syncing, as a laptop does offline. */
  private void offline(String name, Consumer<LocalStore> work) {
    try (LocalStore store =
        LocalStore.open(tmp.resolve(name), Clock.systemUTC(), IdGenerator.secure())) {
      work.accept(store);
    }
  }

  private static Item sku(LocalStore s, String sku) {
    return s.catalog().findBySku(sku).orElseThrow();
  }

  private static ItemDraft with(Item i, String name, String category) {
    ItemDraft d = i.toDraft();
    return new ItemDraft(
        d.sku(), d.barcode(), name, d.description(), d.unit(), category, d.reorderPoint());
  }

  private void startOn(String name) throws Exception {
    AppConfig config = new AppConfig(tmp.resolve(name), Clock.systemUTC(), IdGenerator.secure());
    startApp(() -> new StockroomApp(config));
  }

  private String label(String id) {
    return onFx(() -> lookup("#" + id).queryAs(Labeled.class).getText());
  }

  @Test
  void secondLaptopResolvesAnItemConflictFieldByField() throws Exception {
    laptop(
        "a",
        s -> s.catalog().create(new ItemDraft("CF-1", null, "Widget", null, null, "Tools", 0)));
    laptop("b", s -> {});
    laptop(
        "a",
        s -> s.catalog().update(sku(s, "CF-1").id(), with(sku(s, "CF-1"), "Widget (A)", "Tools")));
    offline(
        "b",
        s -> s.catalog().update(sku(s, "CF-1").id(), with(sku(s, "CF-1"), "Widget B", "Bins")));

    startOn("b");
    eventually(() -> visible("conflictsBadge") && label("conflictsBadge").equals("1"));
    assertThat(text("statusConflicts")).isEqualTo("1 conflict");

    clickOn("#navConflicts");
    eventually(() -> rows("conflictsTable") == 1);
    runOnFx(() -> this.<TableView<?>>node("conflictsTable").getSelectionModel().select(0));
    clickOn("#resolveConflictButton");
    eventually(() -> lookup("#state_name").tryQuery().isPresent());
    assertThat(label("state_name")).isEqualTo("changed on both sides");
    assertThat(label("state_category")).isEqualTo("merged");
    assertThat(label("yours_name")).isEqualTo("Widget B");
    assertThat(label("theirs_name")).isEqualTo("Widget (A)");

    clickOn("#yours_name");
    clickOn("#applyItemConflictButton");
    eventually(() -> !visible("conflictsBadge") && rows("conflictsTable") == 0);
    // The chosen value goes out as a new change and the queue drains.
    eventually(() -> text("statusPending").startsWith("0 pending"));
    stopApp();

    String[] seen = new String[2];
    laptop("a", s -> {});
    offline(
        "a",
        s -> {
          seen[0] = sku(s, "CF-1").name();
          seen[1] = sku(s, "CF-1").category();
        });
    assertThat(seen).containsExactly("Widget B", "Bins");
  }

  @Test
  void failedChangeIsRetriedFromTheSyncScreen() throws Exception {
    laptop("b", s -> {});
    laptop("a", s -> s.catalog().create(ItemDraft.of("DUP-1", "First")));
    // B creates the same SKU before seeing A's: the server refuses it.
    offline("b", s -> s.catalog().create(ItemDraft.of("DUP-1", "Second")));
    laptop("b", s -> {});
    offline("b", s -> assertThat(s.sync().failed()).hasSize(1));
    // A deletes its item, so the SKU is free again.
    laptop("a", s -> s.catalog().delete(sku(s, "DUP-1").id()));

    startOn("b");
    clickOn("#navQueue");
    eventually(() -> rows("queueTable") == 1);
    assertThat(text("queueSummary")).contains("1 failed");
    runOnFx(() -> this.<TableView<?>>node("queueTable").getSelectionModel().select(0));
    clickOn("#retryButton");
    try {
      eventually(() -> rows("queueTable") == 0);
    } catch (RuntimeException e) {
      System.err.println(
          "DEBUG "
              + text("syncMessage")
              + " | "
              + text("queueSummary")
              + " | "
              + onFx(() -> String.valueOf(this.<TableView<?>>node("queueTable").getItems())));
      throw e;
    }
    eventually(() -> rows("syncLogTable") > 0 && text("syncTotals").startsWith("Today: "));
    assertThat(rows("cursorsTable")).isGreaterThan(0);
  }
}
