package io.stockroom.app.conflicts;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Screen;
import javafx.stage.Window;

/** {@link ConflictDialogs} as JavaFX dialogs over the main window (non-blocking). */
public final class FxConflictDialogs implements ConflictDialogs {

  private final Window owner;

  public FxConflictDialogs(Window owner) {
    this.owner = owner;
  }

  @Override
  public void showItem(ItemConflictViewModel vm) {
    show(new ItemConflictDialog(vm));
  }

  @Override
  public void showCount(CountConflictViewModel vm) {
    show(new CountConflictDialog(vm));
  }

  @Override
  public void showExplanation(ExplanationViewModel vm) {
    show(new ExplanationDialog(vm));
  }

  private void show(Dialog<?> d) {
    d.initOwner(owner);
    d.setResizable(true);
    d.show();
    growToFit(d.getDialogPane());
  }

  /**
   * A dialog is sized when it opens, but its view model fills it after a background load (and a
   * larger text size makes it grow): after each layout, widen or heighten the window until all of
   * its content shows, up to the size of the screen. It only ever grows the window.
   */
  static void growToFit(DialogPane pane) {
    Runnable fit =
        () -> {
          Window window = pane.getScene() == null ? null : pane.getScene().getWindow();
          if (window == null || !window.isShowing()) {
            return;
          }
          Rectangle2D screen = Screen.getPrimary().getVisualBounds();
          double width = Math.max(pane.getWidth(), pane.prefWidth(-1));
          double height = Math.max(pane.getHeight(), pane.prefHeight(width));
          if (width > pane.getWidth() + 0.5) {
            window.setWidth(
                Math.min(screen.getWidth(), window.getWidth() + width - pane.getWidth()));
          }
          if (height > pane.getHeight() + 0.5) {
            window.setHeight(
                Math.min(screen.getHeight(), window.getHeight() + height - pane.getHeight()));
          }
        };
    pane.needsLayoutProperty()
        .addListener(
            (o, was, now) -> {
              if (!now) {
                fit.run();
              }
            });
    fit.run();
  }
}
