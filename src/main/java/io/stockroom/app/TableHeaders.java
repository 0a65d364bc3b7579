package io.stockroom.app;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Column titles are never cut off: each column is kept at least as wide as its title at the text
 * size of the moment (a larger text size made "On hand" read "On ..."). Cells may still end in
 * "...": a column is the user's to widen, and the table scrolls sideways when the columns outgrow
 * it.
 */
public final class TableHeaders {

  /**
   * Room beside the title for the header's padding and the sort arrow, in multiples of the size.
   */
  static final double ROOM_EMS = 2.2;

  private TableHeaders() {}

  /** Keeps the columns of {@code table} at least as wide as their titles, now and at every size. */
  public static void keepWhole(TableView<?> table) {
    table
        .skinProperty()
        .addListener(
            (obs, old, skin) -> {
              if (skin != null) {
                // The headers are made by the skin's first layout.
                Platform.runLater(() -> watch(table));
              }
            });
  }

  private static void watch(TableView<?> table) {
    for (Node n : table.lookupAll(".column-header")) {
      if (n instanceof TableColumnHeader header
          && header.getTableColumn() != null
          && header.lookup(".label") instanceof Label label) {
        TableColumnBase<?, ?> column = header.getTableColumn();
        InvalidationListener fit =
            o -> column.setMinWidth(width(column.getText(), label.getFont()));
        label.fontProperty().addListener(fit);
        column.textProperty().addListener(fit);
        fit.invalidated(null);
      }
    }
  }

  static double width(String title, Font font) {
    if (title == null || title.isEmpty()) {
      return 0;
    }
    Text text = new Text(title);
    text.setFont(font);
    return Math.ceil(text.getLayoutBounds().getWidth() + font.getSize() * ROOM_EMS);
  }
}
