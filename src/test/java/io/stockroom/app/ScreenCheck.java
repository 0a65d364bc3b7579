package io.stockroom.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

/**
 * What a worker must never see on a screen (issue 16): an id, a table or column name, an exception;
 * and text cut off. Walks a scene's visible nodes; call on the FX thread.
 *
 * <p>Text is "cut off" when a label or button shows its ellipsis instead of its text, or ends
 * outside the window. Table and list cells are left out of that check (a column is the user's to
 * widen, and a long name in a narrow column ends in "..."); column headers are not.
 */
final class ScreenCheck {

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** snake_case words: table and column names ("stock_movements", "server_version"). */
  private static final Pattern INTERNAL_NAME = Pattern.compile("\\b[a-z]+(_[a-z]+)+\\b");

  private static final Pattern TECHNICAL =
      Pattern.compile("Exception|\\bjava\\.|\\bnull\\b|\\bHTTP \\d{3}\\b|\\bSQL\\b");

  private ScreenCheck() {}

  /** One line per problem found; empty when the screen is clean. */
  static List<String> problems(Scene scene, boolean checkFit) {
    // Laid out now, so what is checked is what the texts of this moment look like.
    scene.getRoot().applyCss();
    scene.getRoot().layout();
    List<String> found = new ArrayList<>();
    walk(scene.getRoot(), scene, checkFit, false, found);
    return found;
  }

  private static void walk(
      Node node, Scene scene, boolean checkFit, boolean inCell, List<String> found) {
    if (!node.isVisible()) {
      return;
    }
    // Cells are left out of the fit check; a table's column headers are not.
    boolean cell =
        inCell
            || node instanceof Cell
            || node instanceof javafx.scene.control.skin.VirtualFlow<?>
            || node instanceof javafx.scene.control.ListView<?>;
    String text = null;
    if (node instanceof Labeled l) {
      text = l.getText();
      if (checkFit && !cell && text != null && !text.isBlank()) {
        fit(l, scene, found);
      }
    } else if (node instanceof TextInputControl t) {
      text = t.getText();
    } else if (node instanceof Text t && !(node.getParent() instanceof Labeled)) {
      text = t.getText();
    }
    if (text != null && !text.isBlank()) {
      String where = describe(node);
      if (UUID.matcher(text).find()) {
        found.add(where + " shows an id: " + text);
      }
      if (INTERNAL_NAME.matcher(text).find()) {
        found.add(where + " shows an internal name: " + text);
      }
      if (TECHNICAL.matcher(text).find()) {
        found.add(where + " shows technical text: " + text);
      }
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        walk(child, scene, checkFit, cell, found);
      }
    }
  }

  private static void fit(Labeled l, Scene scene, List<String> found) {
    String shown = null;
    for (Node child : l.getChildrenUnmodifiable()) {
      if (child instanceof Text t) {
        shown = t.getText();
      }
    }
    String full = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
    String ellipsis = l.getEllipsisString();
    // Cut off: the start of the text and the ellipsis. (A label whose text just changed may still
    // show its old text until the next layout; that is not a cut.)
    if (shown != null
        && !shown.equals(full)
        && !l.isWrapText()
        && shown.endsWith(ellipsis)
        && full.startsWith(shown.substring(0, shown.length() - ellipsis.length()))) {
      found.add(describe(l) + " is cut off: \"" + shown + "\" instead of \"" + full + "\"");
    }
    if (!insideScroller(l)) {
      var b = l.localToScene(l.getLayoutBounds());
      if (b != null
          && (b.getMaxX() > scene.getWidth() + 1 || b.getMaxY() > scene.getHeight() + 1)) {
        found.add(describe(l) + " ends outside the window: \"" + full + "\" at " + b);
      }
    }
  }

  private static boolean insideScroller(Node n) {
    for (Node p = n.getParent(); p != null; p = p.getParent()) {
      if (p instanceof ScrollPane || p instanceof javafx.scene.control.TableView<?>) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Node n) {
    StringBuilder path = new StringBuilder();
    for (Node p = n; p != null; p = p.getParent()) {
      if (p.getId() != null) {
        path.insert(0, "#" + p.getId() + " ");
        break;
      }
    }
    return path + n.getClass().getSimpleName();
  }
}
