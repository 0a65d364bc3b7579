package io.stockroom.app;

import static io.stockroom.app.Laptops.sku;
import static io.stockroom.app.Laptops.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.conflicts.ConflictRow;
import io.stockroom.app.textsize.TextSizeViewModel;
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
import java.util.ArrayList;
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
    resize(Size.LAPTOP);

    Path file = tmp.resolve("shot.png");
    Snapshots.write(onFx(() -> Snapshots.snapshot(node("itemsTable").getScene())), file);

    BufferedImage read = ImageIO.read(file.toFile());
    assertThat(read.getWidth()).isEqualTo(1366);
    assertThat(read.getHeight()).isEqualTo(768);
    // A painted window, not a blank one: text and chrome make many distinct colours.
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < read.getHeight(); y += 3) {
      for (int x = 0; x < read.getWidth(); x += 3) {
        colours.add(read.getRGB(x, y));
      }
    }
    assertThat(colours).hasSizeGreaterThan(20);
  }

  /** The window sizes every screen is laid out for and pictured at (issue 16). */
  enum Size {
    LAPTOP(1366, 768),
    DESKTOP(1920, 1080);

    final int width;
    final int height;

    Size(int width, int height) {
      this.width = width;
      this.height = height;
    }

    String folder() {
      return width + "x" + height;
    }
  }

  /** What the tour does at each screen: take its picture, or check it. */
  interface Visitor {
    void page(String name);

    /** The dialog showing now; closed afterwards. */
    void dialog(String name);
  }

  /**
   * The tour of every screen and dialog on a laptop whose offline work met the server's, with a
   * 40-character SKU and a 60-character name in it: at 1366x768 with the largest text, and at
   * 1920x1080 with normal text, no screen shows an id, a table name or technical text, and no
   * label, button or header is cut off or runs out of the window (issue 16).
   */
  @Test
  void everyScreenSpeaksWordsAndFitsBothSizes() throws Exception {
    try (TestServer server = TestServer.start(tmp.resolve("server"), 240)) {
      Laptops laptops = new Laptops(tmp, server);
      twoLaptopsMeet(laptops);
      try (LocalStore store = laptops.open("b")) {
        store
            .settings()
            .put(
                TextSizeViewModel.SETTING,
                String.valueOf(TextSizeViewModel.STEPS.get(TextSizeViewModel.STEPS.size() - 1)));
      }
      startOn(laptops.profile("b"));
      eventually(() -> text("statusConflicts").equals("2 conflicts"));
      List<String> problems = new ArrayList<>();
      resize(Size.LAPTOP);
      tour(checker(problems, "1366x768, largest text"));
      shortcut(KeyCode.DIGIT0);
      resize(Size.DESKTOP);
      tour(checker(problems, "1920x1080, 100%"));
      assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
  }

  private Visitor checker(List<String> problems, String where) {
    return new Visitor() {
      @Override
      public void page(String name) {
        for (String p : onFx(() -> ScreenCheck.problems(main(), true))) {
          problems.add(where + ", " + name + ": " + p);
        }
      }

      @Override
      public void dialog(String name) {
        Window dialog = onFx(Snapshots::dialog);
        for (String p : onFx(() -> ScreenCheck.problems(dialog.getScene(), true))) {
          problems.add(where + ", " + name + " dialog: " + p);
        }
        close(dialog);
      }
    };
  }

  private Visitor pictures(Path out, Size size) {
    Path dir = out.resolve(size.folder());
    return new Visitor() {
      @Override
      public void page(String name) {
        shoot(dir, name);
      }

      @Override
      public void dialog(String name) {
        shootDialog(dir, name);
      }
    };
  }

  @Test
  @EnabledIfSystemProperty(named = PROPERTY, matches = ".+")
  void everyScreen() throws Exception {
    Path out = Path.of(System.getProperty(PROPERTY));

    startOn(tmp.resolve("fresh"));
    eventually(() -> visible("firstRunPane"));
    shootBothSizes(out, "first-run");
    stopApp();

    try (TestServer server = TestServer.start(tmp.resolve("server"), 240)) {
      Laptops laptops = new Laptops(tmp, server);
      twoLaptopsMeet(laptops);
      firstSync(out, laptops, server);
      startOn(laptops.profile("b"));
      eventually(() -> visible("conflictsBadge") && text("statusConflicts").equals("2 conflicts"));
      eventually(() -> text("statusPending").startsWith("0 pending"));
      eventually(() -> text("statusConnection").startsWith("Online"));
      for (Size size : Size.values()) {
        resize(size);
        tour(pictures(out, size));
      }
      clickOn("#navItems");
      shortcut(KeyCode.EQUALS);
      shortcut(KeyCode.EQUALS);
      eventually(() -> text("textSizeMenu").equals("129%"));
      shootBothSizes(out, "larger-text");
      shortcut(KeyCode.DIGIT0);
      // Last, as the server goes away for it.
      choiceNotSentYet(out, server);
    }
  }

  /** The main window at {@code size}, laid out again before anything is looked at. */
  private void resize(Size size) {
    runOnFx(
        () -> {
          Window w = main().getWindow();
          w.setX(0);
          w.setY(0);
          w.setWidth(size.width);
          w.setHeight(size.height);
        });
    eventually(() -> main().getWidth() == size.width && main().getHeight() == size.height);
  }

  private void shootBothSizes(Path out, String name) {
    for (Size size : Size.values()) {
      resize(size);
      shoot(out.resolve(size.folder()), name);
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
          // The longest SKU and a 60-character name a catalog holds (issue 16: nothing clipped).
          Item wrap =
              s.catalog()
                  .create(
                      new ItemDraft(
                          "PALLET-WRAP-CAST-500MM-23MU-CLEAR-ROLL40",
                          null,
                          "Pallet stretch wrap, cast, 500 mm x 300 m, 23 micron, clear.",
                          null,
                          "roll",
                          null,
                          0));
          s.stock()
              .record(
                  new MovementRequest(
                      wrap.id(),
                      MovementReason.RECEIVE,
                      null,
                      "A-02",
                      new BigDecimal("40"),
                      "PO-10490"));
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
      shootBothSizes(out, "first-sync");
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
    shootBothSizes(out, "conflicts-undo");
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

  private void tour(Visitor out) throws Exception {
    out.page("items");

    fill("searchField", "SKU-000004");
    eventually(() -> rows("itemsTable") == 1);
    select("itemsTable", 0);
    eventually(() -> text("itemSku").equals("SKU-000004") && !text("onHandTotal").isEmpty());
    fill("searchField", "");
    eventually(() -> rows("itemsTable") > 1);
    out.page("item-detail");

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
    out.page("movement");

    clickOn("#navCount");
    fill("countLocation", "A-07");
    type(KeyCode.ENTER);
    fill("countItem", "SKU-000007");
    type(KeyCode.ENTER);
    fill("countQty", "15");
    clickOn("#recordCountButton");
    eventually(() -> rows("countsTable") >= 1);
    fill("countItem", "SKU-000037");
    type(KeyCode.ENTER);
    eventually(() -> !text("countExpected").isEmpty());
    out.page("count");

    clickOn("#navActivity");
    eventually(() -> rows("activityTable") > 0);
    out.page("activity");

    clickOn("#navQueue");
    eventually(() -> rows("queueTable") >= 1 && rows("syncLogTable") > 0);
    out.page("sync");

    select("queueTable", 0);
    clickOn("#explainButton");
    eventually(() -> Snapshots.dialog() != null);
    out.dialog("conflict-explanation");

    clickOn("#navConflicts");
    eventually(() -> rows("conflictsTable") == 2);
    out.page("conflicts");

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
      out.dialog(item ? "conflict-item" : "conflict-count");
    }

    clickOn("#accountButton");
    eventually(() -> Snapshots.dialog() != null);
    out.dialog("account");

    clickOn("#navItems");
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
    close(dialog);
  }

  private void close(Window dialog) {
    Scene main = onFx(this::main);
    runOnFx(dialog::hide);
    eventually(() -> Snapshots.dialog() == null);
    // A window manager hands the focus back to the owner; Monocle leaves that to the app.
    runOnFx(() -> main.getWindow().requestFocus());
  }
}
