package io.stockroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockroom.app.textsize.TextSizeViewModel;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.ItemDraft;
import io.stockroom.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl+Plus / Ctrl+Minus / Ctrl+0 change the app's text size, and the profile keeps it. */
class TextSizeAppTest extends AppUiTestBase {

  @TempDir Path profile;

  private void start() throws Exception {
    AppConfig config = new AppConfig(profile, Clock.systemUTC(), IdGenerator.secure());
    startApp(() -> new StockroomApp(config));
  }

  /** The size the text of the items summary is drawn at, after CSS. */
  private double summarySize() {
    return onFx(() -> this.<Labeled>node("itemsSummary").getFont().getSize());
  }

  private double fieldSize() {
    return onFx(() -> this.<TextField>node("searchField").getFont().getSize());
  }

  @Test
  void keysChangeTheTextSizeAndARestartKeepsIt() throws Exception {
    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure())) {
      store.catalog().create(ItemDraft.of("BOLT-M8", "Hex bolt M8"));
    }
    start();
    eventually(() -> text("itemsSummary").equals("1 item"));
    assertThat(summarySize()).isEqualTo(14.0);
    assertThat(text("textSizeMenu")).isEqualTo("100%");

    clickOn("#itemsTable");
    press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.EQUALS)
        .release(KeyCode.EQUALS, KeyCode.SHIFT, KeyCode.CONTROL);
    shortcut(KeyCode.ADD);
    shortcut(KeyCode.PLUS);
    eventually(() -> summarySize() == 20.0);
    assertThat(fieldSize()).isEqualTo(20.0);
    assertThat(text("textSizeMenu")).isEqualTo("143%");
    shortcut(KeyCode.MINUS);
    eventually(() -> summarySize() == 18.0);
    stopApp();

    try (LocalStore store = LocalStore.open(profile, Clock.systemUTC(), IdGenerator.secure())) {
      assertThat(store.settings().get(TextSizeViewModel.SETTING)).contains("18");
    }
    start();
    eventually(() -> text("itemsSummary").equals("1 item"));
    assertThat(summarySize()).isEqualTo(18.0);
    assertThat(text("textSizeMenu")).isEqualTo("129%");
    // Dialogs follow the size too.
    clickOn("#accountButton");
    eventually(() -> lookup("#serverUrlField").tryQuery().isPresent());
    assertThat(onFx(() -> this.<TextField>node("serverUrlField").getFont().getSize()))
        .isEqualTo(18.0);
    runOnFx(() -> node("serverUrlField").getScene().getWindow().hide());
    runOnFx(() -> node("itemsSummary").getScene().getWindow().requestFocus());

    shortcut(KeyCode.DIGIT0);
    eventually(() -> summarySize() == 14.0);
    // The menu offers the same steps.
    clickOn("#textSizeMenu");
    runOnFx(
        () ->
            this.<MenuButton>node("textSizeMenu").getItems().stream()
                .filter(i -> "textLargerItem".equals(i.getId()))
                .findFirst()
                .orElseThrow()
                .fire());
    eventually(() -> summarySize() == 16.0);
    runOnFx(() -> this.<MenuButton>node("textSizeMenu").hide());
  }
}
