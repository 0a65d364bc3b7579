package io.stockroom.app.activity;

import io.stockroom.app.Ui;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The ledger, newest first. */
public final class ActivityView extends VBox {

  public ActivityView(ActivityViewModel vm) {
    TableView<MovementRow> table = Ui.table("activityTable", "No stock has moved yet.");
    table.setItems(vm.rows());
    table.getColumns().add(Ui.column("When", 150, MovementRow::when));
    table.getColumns().add(Ui.column("What", 80, MovementRow::reason));
    table.getColumns().add(Ui.column("SKU", 110, MovementRow::sku));
    table.getColumns().add(Ui.column("Name", 180, MovementRow::name));
    table.getColumns().add(Ui.column("From", 80, MovementRow::from));
    table.getColumns().add(Ui.column("To", 80, MovementRow::to));
    table.getColumns().add(Ui.column("Qty", 70, MovementRow::quantity));
    table.getColumns().add(Ui.column("Reference", 140, MovementRow::reference));
    table.getColumns().add(Ui.column("Sync", 70, MovementRow::status));
    VBox.setVgrow(table, Priority.ALWAYS);
    Label summary = Ui.muted(vm.summaryProperty());
    summary.setId("activitySummary");
    getStyleClass().add("page");
    setSpacing(12);
    getChildren().addAll(Ui.title("Activity"), summary, table);
  }
}
