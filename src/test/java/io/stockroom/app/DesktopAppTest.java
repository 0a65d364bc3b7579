package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.items.ItemRow;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.Item;
import io.stockroom.domain.ItemDraft;
import io.stockroom.domain.MovementReason;
import io.stockroom.domain.MovementRequest;
import io.stockroom.store.LocalStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real app on a temporary profile with the real local store, headless, no network. */
class DesktopAppTest extends AppUiTestBase {

  @TempDir Path profile;

  private AppConfig config() {
    return new AppConfig(profile, Clock.systemDefaultZone(), IdGenerator.secure());
  }

  private void start() throws Exception {
    startApp(() -> new StockroomApp(config()));
  }

  /** Writes to the profile with the app closed, as an earlier session (or a sync) would have. */
  private void seed(Consumer<Services> writes) throws Exception {
    StoreOpener.OpenStore store = LocalStores.open(config());
    try {
      writes.accept(store.services());
    } finally {
      store.closer().close();
    }
  }

  private static Item item(Services s, String sku, String barcode, String name) {
    return s.catalog().create(new ItemDraft(sku, barcode, name, null, null, null, 0));
  }

  private int pending() {
    String t = text("statusPending");
    return Integer.parseInt(t.substring(0, t.indexOf(' ')));
  }

  @Test
  void coldStartRendersCachedDataWithNoNetwork() throws Exception {
    seed(
        s -> {
          s.locations().create("A-01", "A", null);
          Item bolt = item(s, "BOLT-M8", "4006381333931", "Hex bolt M8");
          s.stock()
              .record(
                  new MovementRequest(
                      bolt.id(), MovementReason.RECEIVE, null, "A-01", BigDecimal.TEN, null));
        });
    // 100,000 items as pulled from a server earlier (synced, nothing queued for them).
    try (LocalStore store =
        LocalStore.open(profile, Clock.systemDefaultZone(), IdGenerator.secure())) {
      List<ItemDraft> parts = new ArrayList<>();
      for (int i = 0; i < 100_000; i++) {
        parts.add(ItemDraft.of(String.format("PART-%06d", i), "Part number " + i));
      }
      store.bulkLoader().importItems(parts, 1);
    }
    start();

    eventually(() -> text("itemsSummary").equals("100,001 items"));
    assertThat(visible("firstRunPane")).isFalse();
    assertThat(text("statusConnection"))
        .isEqualTo(io.stockroom.app.status.StatusBarViewModel.NOT_CONNECTED);
    assertThat(text("accountButton"))
        .as("the offer to connect")
        .isEqualTo("Connect to a server...");
    assertThat(text("statusLastSync")).isEqualTo("Last sync: never");
    assertThat(pending()).isEqualTo(3);

    TableView<?> table = node("itemsTable");
    runOnFx(() -> table.scrollTo(100_000));
    eventually(() -> lookup("PART-099999").tryQuery().isPresent());
    runOnFx(() -> table.scrollTo(50_000));
    eventually(() -> lookup("PART-049999").tryQuery().isPresent());

    fill("searchField", "hex");
    eventually(() -> text("itemsSummary").equals("1 item matches \"hex\""));
    eventually(() -> lookup("BOLT-M8").tryQuery().isPresent());
    clickOn("BOLT-M8");
    eventually(() -> text("onHandTotal").equals("On hand: 10 ea"));
  }

  @Test
  void createsAndEditsAnItem() throws Exception {
    start();
    eventually(() -> visible("firstRunPane"));
    shortcut(KeyCode.N);
    eventually(() -> visible("itemSku"));

    clickOn("#saveItemButton");
    eventually(() -> text("itemError").equals("SKU is required."));
    assertThat(pending()).isZero();

    fill("itemSku", "GLOVE-L");
    fill("itemName", "Work gloves L");
    fill("itemBarcode", "5012345678900");
    fill("itemReorderPoint", "ten");
    clickOn("#saveItemButton");
    eventually(() -> text("itemError").contains("whole number"));
    fill("itemReorderPoint", "12");
    clickOn("#saveItemButton");
    eventually(() -> text("itemMessage").equals("Item GLOVE-L created."));
    eventually(() -> pending() == 1);
    eventually(() -> rows("itemsTable") == 1 && !visible("firstRunPane"));

    fill("itemName", "Cut-resistant gloves L");
    type(KeyCode.ENTER);
    eventually(() -> text("itemMessage").equals("Saved."));
    eventually(() -> lookup("Cut-resistant gloves L").tryQuery().isPresent());

    // A second item may not take the same SKU: a message, nothing written.
    clickOn("#newItemButton");
    fill("itemSku", "GLOVE-L");
    fill("itemName", "Duplicate");
    clickOn("#saveItemButton");
    eventually(() -> !text("itemError").isEmpty());
    assertThat(text("itemTitle")).isEqualTo("New item");
    assertThat(pending()).isEqualTo(1); // the edit folded into the queued create
    fill("searchField", "GLOVE");
    eventually(() -> text("itemsSummary").equals("1 item matches \"GLOVE\""));
  }

  @Test
  void aShiftByScannerAndKeyboard() throws Exception {
    seed(
        s -> {
          s.locations().create("A-01", "A", null);
          item(s, "BOLT-M8", "4006381333931", "Hex bolt M8");
          item(s, "NUT-M8", "4006381333948", "Hex nut M8");
        });
    start();
    eventually(() -> rows("itemsTable") == 2);
    int before = pending();
    shortcut(KeyCode.DIGIT2);
    eventually(() -> focused("movementItem"));
    assertThat(text("movementTitle")).isEqualTo("Receive stock");
    assertThat(text("recordMovementButton")).isEqualTo("Record receipt");

    for (String[] scan :
        new String[][] {
          {"4006381333931", "Hex bolt M8 (BOLT-M8)", "7"},
          {"4006381333948", "Hex nut M8 (NUT-M8)", "5"}
        }) {
      write(scan[0]);
      type(KeyCode.ENTER);
      eventually(() -> focused("movementQty"));
      eventually(() -> text("movementPreview").startsWith(scan[1] + ": 0 ea on hand here"));
      write(scan[2]);
      type(KeyCode.TAB);
      write("A-01");
      type(KeyCode.ENTER);
      eventually(() -> text("movementMessage").startsWith("Received " + scan[2] + " ea of"));
      eventually(() -> focused("movementItem"));
      eventually(
          () ->
              text("movementPreview")
                  .equals(scan[1] + ": " + scan[2] + " ea on hand here; A-01 " + scan[2] + " ea"));
      assertThat(text("movementTo")).isEmpty();
    }
    assertThat(pending()).isEqualTo(before + 2);

    // The items list shows the stock, and sorts by a header click (the store sorts, not the table).
    shortcut(KeyCode.DIGIT1);
    eventually(() -> listed().equals(List.of("BOLT-M8 7", "NUT-M8 5")));
    clickOn(header("On hand")); // least first: what runs out is at the top
    eventually(() -> listed().equals(List.of("NUT-M8 5", "BOLT-M8 7")));
    clickOn(header("On hand"));
    eventually(() -> listed().equals(List.of("BOLT-M8 7", "NUT-M8 5")));
    clickOn(header("Name"));
    eventually(() -> listed().equals(List.of("BOLT-M8 7", "NUT-M8 5")));
    clickOn(header("Name"));
    eventually(() -> listed().equals(List.of("NUT-M8 5", "BOLT-M8 7")));

    // Sorted by stock, a change moves the open item's row: the selection goes with the item.
    clickOn(header("On hand"));
    eventually(() -> listed().equals(List.of("NUT-M8 5", "BOLT-M8 7")));
    runOnFx(() -> this.<TableView<ItemRow>>node("itemsTable").getSelectionModel().select(0));
    eventually(() -> text("itemTitle").startsWith("NUT-M8"));
    shortcut(KeyCode.DIGIT2);
    eventually(() -> focused("movementItem"));
    write("NUT-M8");
    type(KeyCode.ENTER);
    eventually(() -> focused("movementQty"));
    write("5");
    type(KeyCode.TAB);
    write("A-01");
    type(KeyCode.ENTER);
    eventually(() -> text("movementMessage").startsWith("Received 5 ea of"));
    shortcut(KeyCode.DIGIT1);
    eventually(() -> listed().equals(List.of("BOLT-M8 7", "NUT-M8 10")));
    eventually(
        () ->
            "NUT-M8"
                .equals(
                    this.<TableView<ItemRow>>node("itemsTable")
                        .getSelectionModel()
                        .getSelectedItem()
                        .skuProperty()
                        .get()));
    assertThat(text("itemTitle")).startsWith("NUT-M8");
  }

  private Node header(String title) {
    return from(lookup("#itemsTable"))
        .lookup(".column-header .label")
        .<Labeled>match(l -> title.equals(l.getText()))
        .query()
        .getParent();
  }

  private List<String> listed() {
    return onFx(
        () ->
            this.<TableView<ItemRow>>node("itemsTable").getItems().stream()
                .map(r -> r.skuProperty().get() + " " + r.onHandProperty().get())
                .toList());
  }

  private String selectedSku() {
    return onFx(
        () -> {
          ItemRow row =
              this.<TableView<ItemRow>>node("itemsTable").getSelectionModel().getSelectedItem();
          return row == null ? null : row.skuProperty().get();
        });
  }

  private boolean focused(String id) {
    return onFx(() -> lookup("#" + id).query().isFocused());
  }

  @Test
  void receiveAndPickChangeOnHand() throws Exception {
    seed(
        s -> {
          s.locations().create("A-01", "A", null);
          item(s, "BOLT-M8", "4006381333931", "Hex bolt M8");
        });
    start();
    eventually(() -> rows("itemsTable") == 1);
    clickOn("BOLT-M8");
    eventually(() -> text("itemTitle").startsWith("BOLT-M8"));
    assertThat(rows("onHandTable")).isZero();
    int before = pending();

    clickOn("#receiveItemButton");
    eventually(() -> visible("movementQty") && text("movementItem").equals("BOLT-M8"));
    fill("movementTo", "A-01");
    fill("movementQty", "abc");
    clickOn("#recordMovementButton");
    eventually(() -> text("movementQtyProblem").equals("Quantity must be a number, not \"abc\"."));
    fill("movementQty", "0");
    type(KeyCode.ENTER);
    eventually(() -> text("movementQtyProblem").equals("Quantity must be greater than zero."));
    fill("movementTo", "Z-99");
    fill("movementQty", "10");
    type(KeyCode.ENTER);
    eventually(() -> text("movementToProblem").equals("No bin \"Z-99\" at this site."));
    assertThat(pending()).isEqualTo(before);

    fill("movementTo", "A-01");
    clickOn("#recordMovementButton");
    eventually(() -> text("movementMessage").equals("Received 10 ea of BOLT-M8 into A-01."));

    shortcut(KeyCode.DIGIT1);
    eventually(() -> text("onHandTotal").equals("On hand: 10 ea"));
    clickOn("#pickItemButton");
    eventually(() -> visible("movementQty"));
    fill("movementFrom", "A-01");
    fill("movementQty", "4");
    type(KeyCode.ENTER);
    eventually(() -> text("movementMessage").equals("Picked 4 ea of BOLT-M8 from A-01."));
    shortcut(KeyCode.DIGIT1);
    eventually(() -> text("onHandTotal").equals("On hand: 6 ea"));
    eventually(() -> lookup("6").tryQuery().isPresent());
    eventually(() -> pending() == before + 2);

    shortcut(KeyCode.DIGIT4);
    eventually(() -> rows("activityTable") == 2);
    fill("activityBinFilter", "Z-99");
    eventually(() -> rows("activityTable") == 0);
    assertThat(text("activitySummary")).isEqualTo("No movement matches the filter.");
    clickOn("#clearActivityFilter");
    eventually(() -> rows("activityTable") == 2 && text("activityBinFilter").isEmpty());
  }

  @Test
  void aScanFindsTheItemFromAnywhere() throws Exception {
    seed(
        s -> {
          item(s, "BOLT-M8", "4006381333931", "Hex bolt M8");
          item(s, "NUT-M8", "4006381333948", "Hex nut M8");
        });
    start();
    eventually(() -> rows("itemsTable") == 2);

    // The scanner types into whatever has focus: here the activity table.
    shortcut(KeyCode.DIGIT4);
    clickOn("#activityTable");
    write("4006381333948");
    type(KeyCode.ENTER);
    eventually(() -> visible("itemsTable") && text("itemTitle").equals("NUT-M8 \u00b7 Hex nut M8"));
    eventually(() -> "NUT-M8".equals(selectedSku()));

    clickOn("#scanField");
    write("999");
    type(KeyCode.ENTER);
    eventually(() -> text("scanMessage").equals("Unknown barcode 999"));
    assertThat(text("itemTitle")).startsWith("NUT-M8");
  }

  @Test
  void cycleCountRecordsTheDifference() throws Exception {
    seed(
        s -> {
          s.locations().create("A-01", "A", null);
          Item bolt = item(s, "BOLT-M8", "4006381333931", "Hex bolt M8");
          s.stock()
              .record(
                  new MovementRequest(
                      bolt.id(), MovementReason.RECEIVE, null, "A-01", BigDecimal.TEN, null));
        });
    start();
    shortcut(KeyCode.DIGIT3);
    eventually(() -> visible("countLocation"));
    fill("countLocation", "Z-9");
    type(KeyCode.ENTER);
    eventually(() -> text("countError").equals("Unknown location \"Z-9\"."));
    fill("countLocation", "A-01");
    type(KeyCode.ENTER);
    eventually(() -> text("countBinInfo").equals("Counting bin A-01 \u00b7 zone A"));
    write("4006381333931");
    type(KeyCode.ENTER);
    eventually(() -> text("countExpected").endsWith("expected 10 ea"));
    write("seven");
    type(KeyCode.ENTER);
    eventually(() -> text("countError").equals("Quantity must be a number, not \"seven\"."));
    fill("countQty", "7");
    type(KeyCode.ENTER);
    eventually(() -> rows("countsTable") == 1);
    assertThat(text("countMessage")).isEqualTo("Counted 7 ea of BOLT-M8 in A-01.");
    // The row is in the table; its cells are drawn at the next pulse.
    eventually(() -> lookup("-3").tryQuery().isPresent());
  }

  @Test
  void theQueueSurvivesARestart() throws Exception {
    seed(s -> s.locations().create("A-01", "A", null));
    start();
    shortcut(KeyCode.N);
    fill("itemSku", "TAPE-50");
    fill("itemName", "Packing tape");
    type(KeyCode.ENTER);
    eventually(() -> text("itemMessage").equals("Item TAPE-50 created."));
    clickOn("#receiveItemButton");
    eventually(() -> visible("movementQty"));
    fill("movementTo", "A-01");
    fill("movementQty", "3");
    type(KeyCode.ENTER);
    eventually(() -> !text("movementMessage").isEmpty());

    shortcut(KeyCode.DIGIT5);
    eventually(() -> rows("queueTable") >= 3);
    List<String> keys = queueKeys();
    int pendingBefore = pending();
    stopApp();

    start();
    eventually(() -> text("itemsSummary").equals("1 item"));
    eventually(() -> pending() == pendingBefore);
    shortcut(KeyCode.DIGIT5);
    eventually(() -> rows("queueTable") == keys.size());
    assertThat(queueKeys()).isEqualTo(keys);
    // Each change shows what it is about, in words; no key or id is on screen.
    eventually(() -> shown("TAPE-50 \u00b7 Packing tape"));
    eventually(() -> shown("Bin A-01"));
    for (String key : keys) {
      assertThat(lookup(key).tryQuery()).isEmpty();
    }
  }

  @Test
  void backgroundSyncSettingsAreReachedByKeyboardAndKept() throws Exception {
    start();
    shortcut(KeyCode.DIGIT5);
    eventually(() -> visible("syncIntervalChoice"));
    eventually(() -> "Every 5 minutes".equals(intervalShown()));
    CheckBox battery = node("pauseOnLowBatteryCheck");
    assertThat(onFx(battery::isSelected)).isTrue();
    assertThat(onFx(battery::getText)).isEqualTo("Pause background sync on low battery");

    runOnFx(() -> node("syncIntervalChoice").requestFocus());
    type(KeyCode.TAB); // the next stop of the focus chain is the checkbox
    assertThat(onFx(battery::isFocused)).isTrue();
    type(KeyCode.SPACE);
    eventually(() -> text("syncMessage").equals("Background sync runs whatever the battery."));

    clickOn("#syncIntervalChoice");
    clickOn("Every 15 minutes");
    eventually(() -> text("syncMessage").equals("Background sync: every 15 minutes."));
    stopApp();

    start();
    shortcut(KeyCode.DIGIT5);
    eventually(() -> "Every 15 minutes".equals(intervalShown()));
    CheckBox again = node("pauseOnLowBatteryCheck");
    assertThat(onFx(again::isSelected)).isFalse();
  }

  private String intervalShown() {
    return onFx(
        () -> {
          ComboBox<?> c = node("syncIntervalChoice");
          return c.getValue() == null ? null : c.getValue().toString();
        });
  }

  /** A label or cell showing exactly {@code text} (lookup(String) would read it as CSS). */
  private boolean shown(String text) {
    return lookup((Labeled l) -> text.equals(l.getText()) && l.isVisible()).tryQuery().isPresent();
  }

  private List<String> queueKeys() {
    return onFx(
        () ->
            this.<TableView<io.stockroom.app.queue.QueueRow>>node("queueTable").getItems().stream()
                .map(io.stockroom.app.queue.QueueRow::idempotencyKey)
                .toList());
  }
}
