package io.stockroom.app.conflicts;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** A count that met moved stock: apply anyway, recount or discard, each with its adjustment. */
final class CountConflictDialog extends Dialog<Void> {

  CountConflictDialog(CountConflictViewModel vm) {
    setTitle("Resolve count conflict");
    Label summary = label("countConflictSummary", vm.summaryProperty());
    summary.setWrapText(true);
    summary.setMaxWidth(TEXT_WIDTH);
    Label moves = label("countConflictMoves", vm.movesProperty());
    moves.setWrapText(true);
    moves.setMaxWidth(TEXT_WIDTH);
    moves.managedProperty().bind(vm.movesProperty().isNotEmpty());
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(8);
    grid.addRow(
        0,
        button("applyCountButton", "Apply my count anyway", vm::applyAnyway),
        effect("applyCountEffect", vm.applyEffectProperty()));
    grid.addRow(
        1,
        button("recountButton", "Recount", vm::recount),
        effect("recountEffect", vm.recountEffectProperty()));
    grid.addRow(
        2,
        button("discardCountButton", "Discard", vm::discard),
        effect("discardCountEffect", vm.discardEffectProperty()));
    Label error = label("countConflictError", vm.errorProperty());
    error.getStyleClass().add("error-text");
    VBox box = new VBox(12, summary, moves, grid, error);
    box.setPadding(new Insets(12));
    getDialogPane().setContent(box);
    getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
    getDialogPane().setMinWidth(720); // grows to its content: DialogSizing
    vm.doneProperty().addListener((o, w, done) -> close());
  }

  /** Long sentences wrap at this width instead of widening the dialog to the screen's edge. */
  private static final double TEXT_WIDTH = 680;

  private static Label label(String id, ObservableStringValue text) {
    Label l = new Label();
    l.setId(id);
    l.textProperty().bind(text);
    return l;
  }

  /** What a choice records, beside its button: wrapped rather than cut off. */
  private static Label effect(String id, ObservableStringValue text) {
    Label l = label(id, text);
    l.setWrapText(true);
    l.setMinWidth(0);
    l.setMaxWidth(TEXT_WIDTH);
    return l;
  }

  private static Button button(String id, String text, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setMaxWidth(Double.MAX_VALUE);
    b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    b.setOnAction(e -> action.run());
    return b;
  }
}
