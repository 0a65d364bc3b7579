package io.stockroom.app;

import static io.stockroom.app.Laptops.sku;
import static io.stockroom.app.Laptops.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.conflicts.ConflictRow;
import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.server.TestServer;
import io.stockroom.store.LocalStore;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Pictures of every screen for the README, from the real app headless on real data: an in-process
 * server with the demo data and two laptop profiles whose offline edits meet on it, so the
 * conflicts and the refused change in the pictures are genuine.
 *
 * <p>The normal build only checks that a window can be turned into a PNG. The pictures themselves
 * are rewritten on request, into {@code docs/screenshots/} (or the folder given):
 *
 * <pre>
 * mvn -B test -Dtest=ScreenshotsTest -Dstockroom.screenshots=docs/screenshots
 * </pre>
 */
class ScreenshotsTest extends AppUiTestBase {

  static final String PROPERTY = "stockroom.screenshots";

  @TempDir Path tmp;

  @BeforeAll
  static void patientSetUp() {
    // The first start in a JVM loads the toolkit and migrates a fresh profile; on a busy shared
    // machine that can take longer than TestFX's default.
    FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
  }

  @Test
  void aWindowBecomesAPicture() throws Exception {
    try (LocalStore store =
        LocalStore.open(tmp.resolve("p"), Clock.systemUTC(), IdGenerator.secure())) {
      store.catalog().create(ItemDraft.of("BOLT-M8", "Hex bolt M8"));
    }
    startOn(tmp.resolve("p"));
    eventually(() -> rows("itemsTable") == 1);

    Path file = tmp.resolve("shot.png");
    Snapshots.write(onFx(() -> Snapshots.snapshot(node("itemsTable").getScene())), file);

    BufferedImage read = ImageIO.read(file.toFile());
    assertThat(read.getWidth()).isEqualTo(1280);
    assertThat(read.getHeight()).isEqualTo(800);
    // A painted window, not a blank one: text and chrome make many distinct colours.
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < read.getHeight(); y += 3) {
      for (int x = 0; x < read.getWidth(); x += 3) {
        colours.add(read.getRGB(x, y));
      }
    }
    assertThat(colours).hasSizeGreaterThan(20);
  }

  @Test
  @EnabledIfSystemProperty(named = PROPERTY, matches = ".+")
  void everyScreen() throws Exception {
    Path out = Path.of(System.getProperty(PROPERTY));

    startOn(tmp.resolve("fresh"));
    eventually(() -> visible("firstRunPane"));
    shoot(out, "first-run");
    stopApp();

    try (TestServer server = TestServer.start(tmp.resolve("server"), 240)) {
      Laptops laptops = new Laptops(tmp, server);
      twoLaptopsMeet(laptops);
      firstSync(out, laptops, server);
      startOn(laptops.profile("b"));
      eventually(() -> visible("conflictsBadge") && text("statusConflicts").equals("2 conflicts"));
      eventually(() -> text("statusPending").startsWith("0 pending"));
      eventually(() -> text("statusConnection").startsWith("Online"));
      tour(out);
      // Last, as the server goes away for it.
      choiceNotSentYet(out, server);
    }
  }

  /**
   * Laptops A and B sign in to the server; then, while B is offline, A renames an item, receives
   * stock into a bin, creates an item and syncs, and B edits the same item, counts that bin and
   * creates an item with the same SKU. B's next sync meets all three.
   */
  private static void twoLaptopsMeet(Laptops laptops) throws Exception {
    laptops.online("a", s -> {});
    laptops.online("b", s -> {});
    laptops.online(
        "a",
        s -> {
          Item i = sku(s, "SKU-000001");
          s.catalog().update(i.id(), with(i, i.name() + " (heavy duty)", i.category()));
          s.catalog()
              .create(new ItemDraft("TAPE-48", null, "Tape 48 mm, brown", null, "roll", null, 0));
          s.stock()
              .record(
                  new MovementRequest(
                      sku(s, "SKU-000002").id(),
                      MovementReason.RECEIVE,
                      null,
                      "A-02",
                      new BigDecimal("5"),
                      "PO-10482"));
        });
    laptops.offline(
        "b",
        s -> {
          Item i = sku(s, "SKU-000001");
          s.catalog().update(i.id(), with(i, i.name() + ", blue", "Safety"));
          s.stock().count(sku(s, "SKU-000002").id(), "A-02", new BigDecimal("9"));
          s.catalog()
              .create(new ItemDraft("TAPE-48", null, "Packing tape 48 mm", null, "roll", null, 0));
          Item four = sku(s, "SKU-000004");
          s.stock()
              .record(
                  new MovementRequest(
                      four.id(),
                      MovementReason.RECEIVE,
                      null,
                      "B-01",
                      new BigDecimal("24"),
                      "PO-10477"));
          s.stock()
              .record(
                  new MovementRequest(
                      four.id(),
                      MovementReason.TRANSFER,
                      "B-01",
                      "C-03",
                      new BigDecimal("6"),
                      null));
          s.stock()
              .record(
                  new MovementRequest(
                      sku(s, "SKU-000005").id(),
                      MovementReason.PICK,
                      "A-05",
                      null,
                      new BigDecimal("3"),
                      "SO-2291"));
          s.catalog().addNote(four.id(), "Supplier changed packaging to boxes of 50.", "ana");
        });
  }

  /**
   * A third laptop's first sync, held by a relay once sites, locations and items have arrived, so
   * the picture shows it running: how many records so far, and "Stop sync".
   */
  private void firstSync(Path out, Laptops laptops, TestServer server) throws Exception {
    try (HeldProxy relay =
        new HeldProxy(server.url(), p -> p.startsWith("/api/sync/pull?entity=stock_movements"))) {
      laptops.signIn("c", "demo", relay.url());
      startOn(laptops.profile("c"));
      assertThat(relay.awaitHeld(60)).isTrue();
      eventually(
          () -> visible("cancelSyncButton") && text("statusConnection").startsWith("Syncing... "));
      clickOn("#navQueue");
      eventually(() -> rows("cursorsTable") >= 3);
      shoot(out, "first-sync");
      relay.release();
      eventually(() -> !visible("cancelSyncButton"));
      stopApp();
    }
  }

  /**
   * With the server gone, the user applies the count anyway: the inbox, showing settled entries,
   * offers to take the choice back until it has been sent.
   */
  private void choiceNotSentYet(Path out, TestServer server) {
    server.close();
    clickOn("#navConflicts");
    eventually(() -> rows("conflictsTable") == 2);
    selectConflict(r -> r.conflict().entityType() == EntityType.STOCK_COUNTS);
    clickOn("#resolveConflictButton");
    eventually(() -> lookup("#applyCountButton").tryQuery().isPresent());
    clickOn("#applyCountButton");
    eventually(() -> Snapshots.dialog() == null && rows("conflictsTable") == 1);
    runOnFx(() -> main().getWindow().requestFocus());
    clickOn("#showSettledConflicts");
    eventually(() -> conflictRows().stream().anyMatch(ConflictRow::undoable));
    selectConflict(ConflictRow::undoable);
    eventually(
        () ->
            !node("undoConflictButton").isDisabled()
                && text("statusPending").startsWith("1 pending")
                && text("statusConnection").equals("Offline"));
    shoot(out, "conflicts-undo");
  }

  private List<ConflictRow> conflictRows() {
    return this.<TableView<ConflictRow>>node("conflictsTable").getItems();
  }

  /** Selects the first line of the conflicts inbox that {@code which} accepts. */
  private void selectConflict(Predicate<ConflictRow> which) {
    int row =
        onFx(
            () -> {
              List<ConflictRow> rows = conflictRows();
              for (int i = 0; i < rows.size(); i++) {
                if (which.test(rows.get(i))) {
                  return i;
                }
              }
              throw new AssertionError("no such line in " + rows);
            });
    select("conflictsTable", row);
  }

  private void tour(Path out) throws Exception {
    shoot(out, "items");

    fill("searchField", "SKU-000004");
    eventually(() -> rows("itemsTable") == 1);
    select("itemsTable", 0);
    eventually(() -> text("itemSku").equals("SKU-000004") && !text("onHandTotal").isEmpty());
    fill("searchField", "");
    eventually(() -> rows("itemsTable") > 1);
    shoot(out, "item-detail");

    clickOn("#navMovement");
    runOnFx(
        () ->
            this.<ComboBox<MovementReason>>node("movementReason")
                .setValue(MovementReason.TRANSFER));
    fill("movementItem", "SKU-000004");
    fill("movementQty", "6");
    fill("movementFrom", "C-03");
    fill("movementTo", "A-10");
    fill("movementReference", "Replenish pick face");
    shoot(out, "movement");

    clickOn("#navCount");
    fill("countLocation", "A-07");
    type(KeyCode.ENTER);
    fill("countItem", "SKU-000007");
    type(KeyCode.ENTER);
    fill("countQty", "15");
    clickOn("#recordCountButton");
    eventually(() -> rows("countsTable") == 1);
    fill("countItem", "SKU-000037");
    type(KeyCode.ENTER);
    eventually(() -> !text("countExpected").isEmpty());
    shoot(out, "count");

    clickOn("#navActivity");
    eventually(() -> rows("activityTable") > 0);
    shoot(out, "activity");

    clickOn("#navQueue");
    eventually(() -> rows("queueTable") >= 1 && rows("syncLogTable") > 0);
    shoot(out, "sync");

    select("queueTable", 0);
    clickOn("#explainButton");
    eventually(() -> Snapshots.dialog() != null);
    shootDialog(out, "conflict-explanation");

    clickOn("#navConflicts");
    eventually(() -> rows("conflictsTable") == 2);
    shoot(out, "conflicts");

    for (int row = 0; row < 2; row++) {
      select("conflictsTable", row);
      clickOn("#resolveConflictButton");
      eventually(
          () ->
              lookup("#itemConflictFields").tryQuery().isPresent()
                  || lookup("#countConflictSummary").tryQuery().isPresent());
      boolean item = onFx(() -> lookup("#itemConflictFields").tryQuery().isPresent());
      if (item) {
        eventually(() -> lookup("#state_name").tryQuery().isPresent());
      } else {
        eventually(() -> !text("countConflictSummary").isEmpty());
      }
      shootDialog(out, item ? "conflict-item" : "conflict-count");
    }

    clickOn("#accountButton");
    eventually(() -> Snapshots.dialog() != null);
    shootDialog(out, "account");

    clickOn("#navItems");
    shortcut(KeyCode.EQUALS);
    shortcut(KeyCode.EQUALS);
    eventually(() -> text("textSizeMenu").equals("129%"));
    shoot(out, "larger-text");
    shortcut(KeyCode.DIGIT0);
  }

  private Scene main() {
    return node("navItems").getScene();
  }

  private void select(String table, int row) {
    runOnFx(() -> this.<TableView<?>>node(table).getSelectionModel().select(row));
  }

  private void shoot(Path out, String name) {
    Snapshots.write(onFx(() -> Snapshots.snapshot(main())), out.resolve(name + ".png"));
  }

  /** Pictures the dialog over the main window, then closes it. */
  private void shootDialog(Path out, String name) {
    Scene main = onFx(this::main);
    Window dialog = onFx(Snapshots::dialog);
    Snapshots.write(onFx(() -> Snapshots.withDialog(main, dialog)), out.resolve(name + ".png"));
    runOnFx(dialog::hide);
    eventually(() -> Snapshots.dialog() == null);
    // A window manager hands the focus back to the owner; Monocle leaves that to the app.
    runOnFx(() -> main.getWindow().requestFocus());
  }
}
