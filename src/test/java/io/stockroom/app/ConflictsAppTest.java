package io.stockroom.app;

import static io.stockroom.app.Laptops.sku;
import static io.stockroom.app.Laptops.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Two laptop profiles against an in-process server: the second one's app shows what met on the
 * server, and the user settles it through the dialogs and the sync screen. Each test ends with what
 * the server and both laptops hold.
 */
class ConflictsAppTest extends AppUiTestBase {

  static final String BIN = "CC-01";
  static final String ITEM = "CC-ITEM";

  @TempDir Path tmp;
  TestServer server;
  Laptops laptops;

  @BeforeAll
  static void patientSetUp() {
    // The first start in a JVM loads the toolkit and migrates a fresh profile.
    FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  @BeforeEach
  void startServer() {
    server = TestServer.start(tmp.resolve("server"));
    laptops = new Laptops(tmp, server);
  }

  @AfterEach
  void stopServer() throws Exception {
    stopApp();
    server.close();
  }

  private String label(String id) {
    return onFx(() -> lookup("#" + id).queryAs(Labeled.class).getText());
  }

  private void select(String table, int row) {
    runOnFx(() -> this.<TableView<?>>node(table).getSelectionModel().select(row));
  }

  private boolean present(String id) {
    return lookup("#" + id).tryQuery().isPresent();
  }

  @Test
  void secondLaptopResolvesAnItemConflictFieldByField() throws Exception {
    laptops.online(
        "a",
        s -> s.catalog().create(new ItemDraft("CF-1", null, "Widget", null, null, "Tools", 0)));
    laptops.online("b", s -> {});
    laptops.online(
        "a",
        s -> s.catalog().update(sku(s, "CF-1").id(), with(sku(s, "CF-1"), "Widget (A)", "Tools")));
    laptops.offline(
        "b",
        s -> s.catalog().update(sku(s, "CF-1").id(), with(sku(s, "CF-1"), "Widget B", "Bins")));

    startOn(laptops.profile("b"));
    eventually(() -> visible("conflictsBadge") && label("conflictsBadge").equals("1"));
    assertThat(text("statusConflicts")).isEqualTo("1 conflict");

    clickOn("#navConflicts");
    eventually(() -> rows("conflictsTable") == 1);
    // The record by its SKU and name, not its id.
    assertThat(
            onFx(
                () ->
                    this
                        .<javafx.scene.control.TableView<io.stockroom.app.conflicts.ConflictRow>>
                            node("conflictsTable")
                        .getItems()
                        .get(0)
                        .record()))
        .startsWith("CF-1 \u00b7 Widget");
    select("conflictsTable", 0);
    // Enter on the selected row opens it, as Resolve... does.
    runOnFx(() -> node("conflictsTable").requestFocus());
    type(KeyCode.ENTER);
    eventually(() -> present("state_name"));
    assertThat(label("itemConflictTitle")).contains("CF-1 Widget (A)");
    // Both changed the name: a choice, with the value both started from.
    assertThat(label("state_name")).isEqualTo("changed on both sides");
    assertThat(label("yours_name")).isEqualTo("Widget B");
    assertThat(label("theirs_name")).isEqualTo("Widget (A)");
    assertThat(label("base_name")).isEqualTo("Widget");
    // Only B changed the category: the server took it, nothing to choose.
    assertThat(label("state_category")).isEqualTo("merged");
    assertThat(label("yours_category")).isEqualTo("Bins");
    assertThat(label("theirs_category")).isEqualTo("Bins");
    assertThat(label("base_category")).isEqualTo("Tools");

    clickOn("#yours_name");
    clickOn("#applyItemConflictButton");
    eventually(() -> !visible("conflictsBadge") && rows("conflictsTable") == 0);
    // The chosen value goes out as a new change and the queue drains.
    eventually(() -> text("statusPending").startsWith("0 pending"));
    stopApp();

    assertThat(
            laptops.onServer("items").stream()
                .filter(i -> i.get("sku").asText().equals("CF-1"))
                .map(i -> i.get("name").asText() + "|" + i.get("category").asText()))
        .containsExactly("Widget B|Bins");
    laptops.online("a", s -> {});
    String onA = laptops.read("a", s -> sku(s, "CF-1").name() + "|" + sku(s, "CF-1").category());
    assertThat(onA).isEqualTo("Widget B|Bins");
  }

  /**
   * A (an admin) receives 40 into the bin and both laptops sync. Then B counts 37 there offline,
   * expecting the 40 it knows of; meanwhile A picks 5 and counts 36 (expecting 35, so its count
   * applies with +1) and syncs. B's count then meets a level of 36.
   */
  private void twoCountsAndAPick() throws Exception {
    laptops.online(
        "a",
        "admin",
        s -> {
          s.locations().create(BIN, "C", null);
          Item i =
              s.catalog().create(new ItemDraft(ITEM, null, "Cable ties", null, "bag", null, 0));
          move(s, i, MovementReason.RECEIVE, null, BIN, "40", "PO-1");
        });
    laptops.online("b", s -> {});
    laptops.offline(
        "b",
        s ->
            assertThat(
                    s.stock()
                        .count(sku(s, ITEM).id(), BIN, new BigDecimal("37"))
                        .expectedQuantity())
                .isEqualByComparingTo("40"));
    laptops.online(
        "a",
        s -> {
          move(s, sku(s, ITEM), MovementReason.PICK, BIN, null, "5", "SO-77");
          s.stock().count(sku(s, ITEM).id(), BIN, new BigDecimal("36"));
        });
    assertThat(serverLevel()).isEqualByComparingTo("36");
  }

  private static void move(
      LocalStore s, Item i, MovementReason r, String from, String to, String qty, String ref) {
    s.stock().record(new MovementRequest(i.id(), r, from, to, new BigDecimal(qty), ref));
  }

  /** Starts B, which syncs at once and meets the conflict, and opens the count dialog. */
  private void openTheCountConflictOnB() throws Exception {
    startOn(laptops.profile("b"));
    eventually(() -> visible("conflictsBadge") && label("conflictsBadge").equals("1"));
    clickOn("#navConflicts");
    eventually(() -> rows("conflictsTable") == 1);
    select("conflictsTable", 0);
    clickOn("#resolveConflictButton");
    eventually(() -> present("countConflictSummary") && !text("countConflictSummary").isEmpty());

    assertThat(text("countConflictSummary"))
        .isEqualTo(
            "You counted 37 of CC-ITEM Cable ties in CC-01. The laptop expected 40;"
                + " the server now has 36.");
    String[] moves = text("countConflictMoves").split("\n");
    assertThat(moves).hasSize(3);
    assertThat(moves[0]).isEqualTo("Your count did not include:");
    String when = " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d";
    assertThat(moves[1]).matches("  -5 picked \\(SO-77\\) by someone else," + when);
    assertThat(moves[2]).matches("  \\+1 after a count by someone else," + when);
    assertThat(text("applyCountEffect")).isEqualTo("Records an adjustment of +1 (36 -> 37).");
    assertThat(text("recountEffect"))
        .isEqualTo("Records nothing now; count CC-01 again from the cycle count screen.");
    assertThat(text("discardCountEffect")).isEqualTo("Records nothing; CC-01 stays at 36.");
  }

  /** Waits for the choice to be sent, and for B's item screen to show {@code onHand} in the bin. */
  private void bShowsOnHand(String onHand) {
    eventually(() -> !present("countConflictSummary") && rows("conflictsTable") == 0);
    eventually(() -> text("statusPending").startsWith("0 pending"));
    clickOn("#navItems");
    fill("searchField", ITEM);
    eventually(() -> rows("itemsTable") == 1);
    select("itemsTable", 0);
    // Coming back to the page reloads the item, with what the last sync brought.
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              clickOn("#navActivity");
              clickOn("#navItems");
              return onFx(() -> text("onHandTotal")).equals("On hand: " + onHand + " bag");
            });
  }

  /** After B's app has stopped: A syncs, and both laptops hold {@code level} in the bin. */
  private void bothLaptopsHold(String level) throws Exception {
    stopApp();
    laptops.online("a", s -> {});
    assertThat(laptops.read("a", this::localLevel)).isEqualByComparingTo(level);
    assertThat(laptops.read("b", this::localLevel)).isEqualByComparingTo(level);
    assertThat(serverLevel()).isEqualByComparingTo(level);
  }

  private BigDecimal localLevel(LocalStore s) {
    return s.stock().onHand(sku(s, ITEM).id()).stream()
        .filter(o -> o.locationCode().equals(BIN))
        .findFirst()
        .orElseThrow()
        .quantity();
  }

  private BigDecimal serverLevel() {
    String[] ids =
        laptops.read(
            "a",
            s ->
                new String[] {
                  sku(s, ITEM).id().toString(),
                  s.locations().findByCode(BIN).orElseThrow().id().toString()
                });
    return laptops.onServer("stock_levels").stream()
        .filter(l -> l.get("item_id").asText().equals(ids[0]))
        .filter(l -> l.get("location_id").asText().equals(ids[1]))
        .map(l -> l.get("quantity").decimalValue())
        .findFirst()
        .orElse(BigDecimal.ZERO);
  }

  /** The server's counts of the item, as "counted:status", in the order they were taken. */
  private List<String> serverCounts() {
    String item = laptops.read("a", s -> sku(s, ITEM).id().toString());
    return laptops.onServer("stock_counts").stream()
        .filter(c -> c.get("item_id").asText().equals(item))
        .sorted((x, y) -> x.get("counted_at").asText().compareTo(y.get("counted_at").asText()))
        .map(ConflictsAppTest::countAndStatus)
        .toList();
  }

  private static String countAndStatus(JsonNode c) {
    return c.get("counted_quantity").decimalValue().stripTrailingZeros().toPlainString()
        + ":"
        + c.get("status").asText();
  }

  @Test
  void countConflictApplyMyCountAnyway() throws Exception {
    twoCountsAndAPick();
    openTheCountConflictOnB();
    clickOn("#applyCountButton");
    bShowsOnHand("37");
    bothLaptopsHold("37");
    // B's count (taken first) applied anyway; A's applied when it arrived.
    assertThat(serverCounts()).containsExactly("37:applied", "36:applied");
  }

  @Test
  void countConflictDiscard() throws Exception {
    twoCountsAndAPick();
    openTheCountConflictOnB();
    clickOn("#discardCountButton");
    bShowsOnHand("36");
    bothLaptopsHold("36");
    assertThat(serverCounts()).containsExactly("37:discarded", "36:applied");
  }

  @Test
  void countConflictRecount() throws Exception {
    twoCountsAndAPick();
    openTheCountConflictOnB();
    clickOn("#recountButton");
    // The dialog closes on the count screen; the first count is withdrawn.
    eventually(() -> !present("countConflictSummary") && visible("countLocation"));
    eventually(() -> rows("conflictsTable") == 0);
    eventually(() -> text("statusPending").startsWith("0 pending"));
    fill("countLocation", BIN);
    type(KeyCode.ENTER);
    fill("countItem", ITEM);
    type(KeyCode.ENTER);
    // The new count starts from the level the server has now.
    eventually(() -> text("countExpected").endsWith("expected 36 bag"));
    fill("countQty", "35");
    clickOn("#recordCountButton");
    eventually(() -> rows("countsTable") == 1);
    bShowsOnHand("35");
    bothLaptopsHold("35");
    assertThat(serverCounts()).containsExactly("37:discarded", "36:applied", "35:applied");
  }

  private int failedOn(String laptop) {
    return laptops.read(laptop, s -> s.sync().failed().size());
  }

  /**
   * A creates an item "First" and syncs; B creates one with the same SKU, "Second", before it has
   * seen A's: the server refuses B's, which fails on B's sync screen.
   */
  private void bsCreateIsRefused(String sku) throws Exception {
    laptops.online("b", s -> {});
    laptops.online("a", s -> s.catalog().create(ItemDraft.of(sku, "First")));
    laptops.offline("b", s -> s.catalog().create(ItemDraft.of(sku, "Second")));
    laptops.online("b", s -> {});
    assertThat(failedOn("b")).isEqualTo(1);
  }

  /** The names of the server's live items with {@code sku}. */
  private List<String> namesOnServer(String sku) {
    return laptops.onServer("items").stream()
        .filter(i -> i.get("sku").asText().equals(sku))
        .filter(i -> !i.path("is_deleted").asBoolean(false))
        .map(i -> i.get("name").asText())
        .toList();
  }

  @Test
  void failedChangeIsRetriedFromTheSyncScreen() throws Exception {
    bsCreateIsRefused("DUP-1");
    // A deletes its item, so the SKU is free again.
    laptops.online("a", s -> s.catalog().delete(sku(s, "DUP-1").id()));

    startOn(laptops.profile("b"));
    clickOn("#navQueue");
    eventually(() -> rows("queueTable") == 1);
    assertThat(text("queueSummary")).contains("1 failed");
    select("queueTable", 0);
    clickOn("#retryButton");
    eventually(() -> rows("queueTable") == 0);
    eventually(() -> rows("syncLogTable") > 0 && text("syncTotals").startsWith("Today: "));
    assertThat(rows("cursorsTable")).isGreaterThan(0);
    stopApp();

    assertThat(namesOnServer("DUP-1")).containsExactly("Second");
  }

  @Test
  void discardedChangeIsGoneFromTheQueueAndTheServer() throws Exception {
    bsCreateIsRefused("DUP-2");

    startOn(laptops.profile("b"));
    clickOn("#navQueue");
    eventually(() -> rows("queueTable") == 1);
    select("queueTable", 0);
    clickOn("#discardButton");
    // A confirmation comes first.
    eventually(() -> Snapshots.dialog() != null);
    clickOn("Discard");
    eventually(() -> rows("queueTable") == 0 && text("syncMessage").equals("Discarded."));
    assertThat(text("queueSummary")).doesNotContain("failed");
    // B's refused copy is gone; the item B shows is the server's.
    clickOn("#navItems");
    fill("searchField", "DUP-2");
    eventually(() -> rows("itemsTable") == 1);
    clickOn("#syncNowButton");
    eventually(() -> text("statusPending").startsWith("0 pending"));
    stopApp();

    String onB = laptops.read("b", s -> sku(s, "DUP-2").name());
    assertThat(onB).isEqualTo("First");
    assertThat(failedOn("b")).isZero();
    assertThat(namesOnServer("DUP-2")).containsExactly("First");
  }
}
