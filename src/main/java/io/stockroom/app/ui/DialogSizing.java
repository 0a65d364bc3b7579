package io.stockroom.app.ui;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * Every dialog of the app opens over its owner, can be resized, and grows to show all of its
 * content (issue 16: the item-conflict dialog used to open clipped, the account dialog did not grow
 * when it showed an error).
 */
public final class DialogSizing {

  private DialogSizing() {}

  /** Shows {@code d} (non-blocking) over {@code owner}, resizable and grown to its content. */
  public static void show(Dialog<?> d, Window owner) {
    prepare(d, owner);
    d.show();
    growToFit(d.getDialogPane());
  }

  /** Owner, resizing and growth, for a dialog the caller shows (for example with showAndWait). */
  public static void prepare(Dialog<?> d, Window owner) {
    if (owner != null && d.getOwner() == null) {
      d.initOwner(owner);
    }
    d.setResizable(true);
    d.setOnShown(e -> growToFit(d.getDialogPane()));
  }

  /** Room for a button's text, in multiples of the text size ("Cancel", "Close" and the like). */
  static final double BUTTON_EMS = 5.5;

  /**
   * The button bar sizes its buttons once, for the text size they were made at: at a larger text
   * size "Cancel" read "Ca...". Called whenever the text size of a dialog is set.
   */
  public static void sizeButtons(DialogPane pane, double textSizePx) {
    javafx.scene.Node bar = pane.lookup(".button-bar");
    if (bar instanceof javafx.scene.control.ButtonBar b) {
      b.setButtonMinWidth(Math.ceil(textSizePx * BUTTON_EMS));
    }
  }

  /** The usable area of the screen the window is mostly on. */
  private static Rectangle2D screenOf(Window window) {
    var on =
        Screen.getScreensForRectangle(
            window.getX(),
            window.getY(),
            Math.max(1, window.getWidth()),
            Math.max(1, window.getHeight()));
    return (on.isEmpty() ? Screen.getPrimary() : on.get(0)).getVisualBounds();
  }

  /**
   * A dialog is sized when it opens, but a view model may fill it after a background load (and a
   * larger text size or an error line makes it grow): after each layout, widen or heighten the
   * window until all of its content shows, up to the size of the screen. It only ever grows the
   * window, so a user who made it larger keeps that.
   */
  static void growToFit(DialogPane pane) {
    Runnable fit =
        () -> {
          Window window = pane.getScene() == null ? null : pane.getScene().getWindow();
          if (window == null || !window.isShowing()) {
            return;
          }
          Rectangle2D screen = screenOf(window);
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
          // Grown past the screen's edge: moved back, so its buttons stay reachable.
          if (window.getX() + window.getWidth() > screen.getMaxX()) {
            window.setX(Math.max(screen.getMinX(), screen.getMaxX() - window.getWidth()));
          }
          if (window.getY() + window.getHeight() > screen.getMaxY()) {
            window.setY(Math.max(screen.getMinY(), screen.getMaxY() - window.getHeight()));
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
