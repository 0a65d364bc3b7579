package io.stockroom.app.ui;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
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
    // The headers are made by the skin's first layout, and again when columns come and go.
    Runnable later = () -> Platform.runLater(() -> watch(table));
    table.skinProperty().addListener((obs, old, skin) -> later.run());
    table.getColumns().addListener((ListChangeListener<TableColumn<?, ?>>) c -> later.run());
    if (table.getSkin() != null) {
      later.run();
    }
  }

  private static void watch(TableView<?> table) {
    for (Node n : table.lookupAll(".column-header")) {
      if (n instanceof TableColumnHeader header
          && header.getTableColumn() != null
          && header.lookup(".label") instanceof Label label
          && label.getProperties().putIfAbsent(WATCHED, Boolean.TRUE) == null) {
        TableColumnBase<?, ?> column = header.getTableColumn();
        // Only the label holds these listeners: a header made again leaves the old ones behind
        // with its old label.
        InvalidationListener fit = o -> column.setMinWidth(width(label.getText(), label.getFont()));
        label.fontProperty().addListener(fit);
        label.textProperty().addListener(fit);
        fit.invalidated(null);
      }
    }
  }

  private static final Object WATCHED = new Object();

  static double width(String title, Font font) {
    if (title == null || title.isEmpty()) {
      return 0;
    }
    Text text = new Text(title);
    text.setFont(font);
    return Math.ceil(text.getLayoutBounds().getWidth() + font.getSize() * ROOM_EMS);
  }
}
