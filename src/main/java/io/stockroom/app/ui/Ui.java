package io.stockroom.app.ui;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small builders the views share, so each view stays a list of bindings. */
public final class Ui {

  private Ui() {}

  /** A text field with a stable id and a prompt. */
  public static TextField textField(String id, String prompt) {
    TextField f = new TextField();
    f.setId(id);
    f.setPromptText(prompt);
    return f;
  }

  /** A label above a control; the underscore in {@code text} marks its Alt mnemonic. */
  public static VBox labelled(String text, Control control) {
    Label label = new Label(text);
    label.setMnemonicParsing(true);
    label.setLabelFor(control);
    label.getStyleClass().add("field-label");
    VBox box = new VBox(4, label, control);
    box.getStyleClass().add("field");
    return box;
  }

  /**
   * {@link #labelled}, plus the reason the field cannot be right under it: while {@code problem} is
   * set, the control is drawn in the danger colour and the reason shows in a line with id {@code
   * control id + "Problem"}.
   */
  public static VBox checked(String text, Control control, ObservableStringValue problem) {
    VBox box = labelled(text, control);
    Label reason = shownWhenSet(control.getId() + "Problem", problem, "error-text");
    reason.getStyleClass().add("field-problem");
    reason
        .textProperty()
        .addListener(
            (obs, old, now) ->
                control.pseudoClassStateChanged(
                    Styles.STATE_DANGER, now != null && !now.isEmpty()));
    box.getChildren().add(reason);
    return box;
  }

  /** A button that is never narrower than its text: a row of them wraps or grows instead. */
  public static Button button(String id, String text, Ikon icon) {
    Button b = new Button(text);
    b.setId(id);
    b.setMnemonicParsing(true);
    b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    if (icon != null) {
      b.setGraphic(new FontIcon(icon));
    }
    return b;
  }

  public static Button primary(String id, String text, Ikon icon) {
    Button b = button(id, text, icon);
    b.getStyleClass().add(Styles.ACCENT);
    return b;
  }

  /**
   * A red line under a form that hides itself while empty. When the message is an unexpected
   * failure's ({@link Errors}), a "Show details" link beside it opens the technical text for
   * support; the line itself stays in plain words.
   */
  public static Node errorLabel(String id, ObservableStringValue text) {
    Label line = shownWhenSet(id, text, "error-text");
    Hyperlink details = new Hyperlink("Show details");
    details.setId(id + "Details");
    details.setFocusTraversable(true);
    details
        .visibleProperty()
        .bind(Bindings.createBooleanBinding(() -> Errors.details(text.get()).isPresent(), text));
    details.managedProperty().bind(details.visibleProperty());
    details.setOnAction(
        e ->
            Errors.details(text.get())
                .ifPresent(d -> showDetails(line.getScene().getWindow(), text.get(), d)));
    HBox box = new HBox(8, line, details);
    box.setAlignment(Pos.BASELINE_LEFT);
    box.visibleProperty().bind(line.visibleProperty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  /** A red line about one field (no details: a field's problem is the user's to fix). */
  public static Label problemLine(String id, ObservableStringValue text) {
    return shownWhenSet(id, text, "error-text");
  }

  /** The technical text of a failure, selectable, with a button that copies it. */
  private static void showDetails(Window owner, String message, String details) {
    Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.CLOSE);
    alert.setTitle("Details for support");
    alert.setHeaderText(null);
    TextArea text = new TextArea(details);
    text.setId("errorDetailsText");
    text.setEditable(false);
    text.setWrapText(false);
    text.setPrefRowCount(14);
    text.setPrefColumnCount(70);
    Button copy = new Button("Copy details");
    copy.setId("copyErrorDetailsButton");
    copy.setOnAction(e -> new FxClipboard().copy(message + System.lineSeparator() + details));
    VBox content = new VBox(8, new Label(message), text, copy);
    VBox.setVgrow(text, Priority.ALWAYS);
    alert.getDialogPane().setContent(content);
    DialogSizing.show(alert, owner);
  }

  /** A green line confirming what was just done; hides itself while empty. */
  public static Label messageLabel(String id, ObservableStringValue text) {
    return shownWhenSet(id, text, "success-text");
  }

  private static Label shownWhenSet(String id, ObservableStringValue text, String style) {
    Label l = new Label();
    l.setId(id);
    l.setWrapText(true);
    l.getStyleClass().add(style);
    l.textProperty().bind(text);
    l.visibleProperty().bind(l.textProperty().isNotEmpty());
    l.managedProperty().bind(l.visibleProperty());
    return l;
  }

  public static Label title(String text) {
    Label l = new Label(text);
    l.getStyleClass().add(Styles.TITLE_3);
    return l;
  }

  public static Label muted(ObservableStringValue text) {
    Label l = new Label();
    l.setWrapText(true);
    l.getStyleClass().add(Styles.TEXT_MUTED);
    l.textProperty().bind(text);
    return l;
  }

  /** A read-only text column over a row record. */
  public static <R> TableColumn<R, String> column(
      String title, double width, Function<R, String> f) {
    TableColumn<R, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  public static <R> TableView<R> table(String id, String emptyText) {
    TableView<R> t = new TableView<>();
    t.setId(id);
    t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    t.setPlaceholder(new Label(emptyText));
    t.getStyleClass().add(Styles.STRIPED);
    TableHeaders.keepWhole(t);
    return t;
  }

  /** A page with a title, an optional line under it, and content. */
  public static VBox page(String title, Node... content) {
    VBox box = new VBox(12);
    box.getStyleClass().add("page");
    box.getChildren().add(title(title));
    box.getChildren().addAll(content);
    return box;
  }
}
