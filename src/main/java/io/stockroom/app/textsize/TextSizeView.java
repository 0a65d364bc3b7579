package io.stockroom.app.textsize;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The text size menu of the top bar (it shows the size, e.g. "129%"), its keys, and the size
 * applied to the main window and to every dialog the app opens.
 */
public final class TextSizeView extends MenuButton {

  public TextSizeView(TextSizeViewModel vm) {
    setId("textSizeMenu");
    setGraphic(new FontIcon(MaterialDesignF.FORMAT_SIZE));
    textProperty().bind(vm.percentProperty());
    setTooltip(new Tooltip("Text size"));
    MenuItem larger = item("textLargerItem", "Larger text  (Ctrl+Plus)", vm::larger);
    larger.disableProperty().bind(vm.canGrowProperty().not());
    MenuItem smaller = item("textSmallerItem", "Smaller text  (Ctrl+Minus)", vm::smaller);
    smaller.disableProperty().bind(vm.canShrinkProperty().not());
    MenuItem normal = item("textNormalItem", "Normal size  (Ctrl+0)", vm::reset);
    getItems().addAll(larger, smaller, normal);
  }

  private static MenuItem item(String id, String text, Runnable action) {
    MenuItem i = new MenuItem(text);
    i.setId(id);
    i.setOnAction(e -> action.run());
    return i;
  }

  /**
   * Ctrl+Plus (also Ctrl+= and the keypad's +), Ctrl+Minus and Ctrl+0 on {@code scene}, and the
   * size on the root of every window of the app while it runs. Close the result when the app stops.
   */
  public static AutoCloseable install(Scene scene, TextSizeViewModel vm) {
    var keys = scene.getAccelerators();
    for (KeyCode k : List.of(KeyCode.PLUS, KeyCode.EQUALS, KeyCode.ADD)) {
      keys.put(shortcut(k), vm::larger);
    }
    for (KeyCode k : List.of(KeyCode.MINUS, KeyCode.SUBTRACT)) {
      keys.put(shortcut(k), vm::smaller);
    }
    for (KeyCode k : List.of(KeyCode.DIGIT0, KeyCode.NUMPAD0)) {
      keys.put(shortcut(k), vm::reset);
    }
    return new WindowStyler(vm);
  }

  private static KeyCombination shortcut(KeyCode code) {
    // Shift may be down: on many keyboards "+" is Shift and "=".
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY);
  }

  /**
   * Sets the size on the root of each window (the main one and dialogs; popups such as menus and
   * tooltips are left alone: they get their CSS from the control they open from), now and whenever
   * it changes.
   */
  private static final class WindowStyler implements AutoCloseable {

    private final TextSizeViewModel vm;
    private final InvalidationListener restyle = o -> styleAll();
    private final InvalidationListener sceneSet = o -> styleAll();
    private final ListChangeListener<Window> opened =
        c -> {
          while (c.next()) {
            for (Window w : c.getAddedSubList()) {
              w.sceneProperty().addListener(sceneSet);
              style(w);
            }
          }
        };

    WindowStyler(TextSizeViewModel vm) {
      this.vm = vm;
      vm.sizeProperty().addListener(restyle);
      Window.getWindows().addListener(opened);
      for (Window w : Window.getWindows()) {
        w.sceneProperty().addListener(sceneSet);
      }
      styleAll();
    }

    private void styleAll() {
      for (Window w : List.copyOf(Window.getWindows())) {
        style(w);
      }
    }

    private void style(Window w) {
      if (w instanceof Stage && w.getScene() != null) {
        Parent root = w.getScene().getRoot();
        if (root != null && !root.styleProperty().isBound()) {
          root.setStyle(vm.style());
        }
        if (root instanceof javafx.scene.control.DialogPane pane) {
          io.stockroom.app.ui.DialogSizing.sizeButtons(pane, vm.sizeProperty().get());
        }
      }
    }

    @Override
    public void close() {
      vm.sizeProperty().removeListener(restyle);
      Window.getWindows().removeListener(opened);
      for (Window w : Window.getWindows()) {
        w.sceneProperty().removeListener(sceneSet);
      }
    }
  }
}
