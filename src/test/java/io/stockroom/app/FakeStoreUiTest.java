package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.domain.IdGenerator;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The screens on an in-memory store: every screen opens, first run, scan, bad input. */
class FakeStoreUiTest extends AppUiTestBase {

  private final FakeStore store = new FakeStore();

  @BeforeEach
  void start() throws Exception {
    AppConfig config = new AppConfig(Path.of("unused"), Clock.systemUTC(), IdGenerator.seeded(1));
    startApp(
        () -> new StockroomApp(config, c -> new StoreOpener.OpenStore(store.services(), () -> {})));
  }

  @Test
  void anUnexpectedFailureSaysWhatToDoWithDetailsBehindALink() {
    eventually(() -> visible("firstRunPane"));
    store.failing = true;
    shortcut(KeyCode.F);
    write("x");
    eventually(
        () -> text("itemsError").startsWith("Something went wrong on this laptop. Try again."));
    assertThat(text("itemsError")).doesNotContain("IllegalStateException");
    eventually(() -> visible("itemsErrorDetails"));
    clickOn("#itemsErrorDetails");
    eventually(() -> lookup("#errorDetailsText").tryQuery().isPresent());
    assertThat(text("errorDetailsText")).contains("IllegalStateException: database is closed");
    type(KeyCode.ESCAPE);
    store.failing = false;
    shortcut(KeyCode.F);
    type(KeyCode.BACK_SPACE);
    eventually(() -> !visible("itemsError") && !visible("itemsErrorDetails"));
  }

  @Test
  void firstRunThenCreateItemThenScan() {
    eventually(() -> visible("firstRunPane"));
    assertThat(text("statusConnection"))
        .isEqualTo(io.stockroom.app.status.StatusBarViewModel.NOT_CONNECTED);
    assertThat(text("statusLastSync")).isEqualTo("Last sync: never");

    clickOn("#firstRunNewItemButton");
    eventually(() -> !visible("firstRunPane"));
    clickOn("#saveItemButton");
    eventually(() -> text("itemError").equals("SKU is required."));
    assertThat(store.outboxSize()).isZero();

    fill("itemSku", "A-1");
    fill("itemName", "Anchor bolt");
    fill("itemBarcode", "777");
    clickOn("#saveItemButton");
    eventually(() -> text("itemMessage").equals("Item A-1 created."));
    eventually(() -> text("statusPending").equals("1 pending"));
    eventually(() -> rows("itemsTable") == 1);

    clickOn("#navQueue");
    eventually(() -> rows("queueTable") == 1);
    clickOn("#queueTable");
    write("777");
    type(KeyCode.ENTER);
    eventually(() -> text("itemTitle").equals("A-1 \u00b7 Anchor bolt") && visible("itemsTable"));

    clickOn("#scanField");
    write("nope");
    type(KeyCode.ENTER);
    eventually(() -> text("scanMessage").equals("Unknown barcode nope"));
  }

  @Test
  void everyScreenOpensByKeyboard() {
    for (int i = 1; i <= 6; i++) {
      shortcut(KeyCode.valueOf("DIGIT" + i));
    }
    eventually(() -> visible("locationsTable"));
    shortcut(KeyCode.DIGIT3);
    eventually(() -> visible("countLocation"));
    shortcut(KeyCode.F);
    eventually(() -> visible("searchField"));
  }
}
