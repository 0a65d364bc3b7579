package io.stockroom.app.conflicts;

import io.stockroom.app.ui.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/** The conflicts inbox: one line per conflict; double-click or "Resolve..." opens its dialog. */
public final class ConflictsView extends VBox {

  public ConflictsView(ConflictsViewModel vm) {
    TableView<ConflictRow> table = Ui.table("conflictsTable", "No conflicts.");
    table.setItems(vm.rows());
    table.getColumns().add(Ui.column("Kind", 100, ConflictRow::entity));
    table.getColumns().add(Ui.column("Item or bin", 200, ConflictRow::record));
    table.getColumns().add(Ui.column("What changed", 190, ConflictRow::changed));
    table.getColumns().add(Ui.column("When", 130, ConflictRow::when));
    table.getColumns().add(Ui.column("State", 420, ConflictRow::state));
    table.setRowFactory(
        t -> {
          TableRow<ConflictRow> row = new TableRow<>();
          row.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                  vm.open(row.getItem());
                }
              });
          return row;
        });
    // Enter opens the selected conflict, as a double click does (a shift by keyboard, issue 16).
    table.addEventHandler(
        javafx.scene.input.KeyEvent.KEY_PRESSED,
        e -> {
          ConflictRow selected = table.getSelectionModel().getSelectedItem();
          if (e.getCode() == javafx.scene.input.KeyCode.ENTER && selected != null) {
            vm.open(selected);
            e.consume();
          }
        });
    VBox.setVgrow(table, Priority.ALWAYS);
    Button resolve =
        Ui.primary("resolveConflictButton", "Resolve...", MaterialDesignS.SCALE_BALANCE);
    resolve.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    resolve.setOnAction(e -> vm.open(table.getSelectionModel().getSelectedItem()));
    Button undo = Ui.button("undoConflictButton", "Undo my choice", MaterialDesignU.UNDO);
    undo.disableProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                () -> {
                  ConflictRow r = table.getSelectionModel().getSelectedItem();
                  return r == null || !r.undoable();
                },
                table.getSelectionModel().selectedItemProperty()));
    undo.setOnAction(e -> vm.undo(table.getSelectionModel().getSelectedItem()));
    CheckBox settled = new CheckBox("Show settled (_choices not yet sent can be undone)");
    settled.setMnemonicParsing(true);
    settled.setId("showSettledConflicts");
    settled.selectedProperty().bindBidirectional(vm.showSettledProperty());
    Label summary = Ui.muted(vm.summaryProperty());
    summary.setId("conflictsSummary");
    getStyleClass().add("page");
    setSpacing(12);
    getChildren()
        .addAll(Ui.title("Conflicts"), summary, new HBox(12, resolve, undo, settled), table);
  }
}
