package io.stockroom.app.conflicts;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Side by side, field by field: yours, theirs, base; pick per field or keep one side. */
final class ItemConflictDialog extends Dialog<Void> {

  ItemConflictDialog(ItemConflictViewModel vm) {
    setTitle("Resolve item conflict");
    Label title = new Label();
    title.setId("itemConflictTitle");
    title.textProperty().bind(vm.titleProperty());
    title.setWrapText(true);
    GridPane grid = new GridPane();
    grid.setId("itemConflictFields");
    grid.setHgap(12);
    grid.setVgap(6);
    Runnable fill =
        () -> {
          grid.getChildren().clear();
          grid.addRow(0, head("Field"), head("Yours"), head("Theirs"), head("Base"), head(""));
          int r = 1;
          for (FieldChoice f : vm.fields()) {
            String id = f.field().wireName();
            Label state = label("state_" + id, f.state());
            if (f.conflicting()) {
              ToggleGroup g = new ToggleGroup();
              RadioButton yours = radio("yours_" + id, f.yours(), g);
              RadioButton theirs = radio("theirs_" + id, f.theirs(), g);
              yours.setSelected(f.useYoursProperty().get());
              theirs.setSelected(!f.useYoursProperty().get());
              f.useYoursProperty()
                  .addListener((o, w, now) -> (now ? yours : theirs).setSelected(true));
              yours.selectedProperty().addListener((o, w, now) -> f.useYoursProperty().set(now));
              grid.addRow(
                  r++, fieldName(f.label()), yours, theirs, label("base_" + id, f.base()), state);
            } else {
              grid.addRow(
                  r++,
                  fieldName(f.label()),
                  label("yours_" + id, f.yours()),
                  label("theirs_" + id, f.theirs()),
                  label("base_" + id, f.base()),
                  state);
            }
          }
        };
    vm.fields().addListener((javafx.collections.ListChangeListener<FieldChoice>) c -> fill.run());
    fill.run();
    Button mine = new Button("Keep all mine");
    mine.setId("keepMineButton");
    mine.setOnAction(e -> vm.keepAllMine());
    Button theirs = new Button("Keep all theirs");
    theirs.setId("keepTheirsButton");
    theirs.setOnAction(e -> vm.keepAllTheirs());
    Button apply = new Button("Apply");
    apply.setId("applyItemConflictButton");
    apply.setDefaultButton(true);
    apply.setOnAction(e -> vm.apply());
    Label error = new Label();
    error.setId("itemConflictError");
    error.getStyleClass().add("error-text");
    error.textProperty().bind(vm.errorProperty());
    VBox box = new VBox(12, title, grid, new HBox(8, mine, theirs, apply), error);
    box.setPadding(new Insets(12));
    getDialogPane().setContent(box);
    getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
    getDialogPane().setMinWidth(720); // grows to its content: DialogSizing
    vm.doneProperty().addListener((o, w, done) -> close());
  }

  /** Values wrap rather than being cut: a name may be 60 characters at any text size. */
  static final double VALUE_WIDTH = 300;

  private static Label label(String id, String text) {
    Label l = new Label(text);
    l.setId(id);
    l.setWrapText(true);
    l.setMaxWidth(VALUE_WIDTH);
    return l;
  }

  private static Label fieldName(String text) {
    Label l = new Label(text);
    l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }

  private static Label head(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("field-label");
    return l;
  }

  private static RadioButton radio(String id, String text, ToggleGroup g) {
    RadioButton b = new RadioButton(text.isEmpty() ? "(empty)" : text);
    b.setId(id);
    b.setToggleGroup(g);
    b.setWrapText(true);
    b.setMaxWidth(VALUE_WIDTH);
    return b;
  }
}
