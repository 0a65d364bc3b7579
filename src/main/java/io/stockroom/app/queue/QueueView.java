package io.stockroom.app.queue;

import io.stockroom.app.Ui;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Mutations waiting to be pushed, with the idempotency key each one carries. */
public final class QueueView extends VBox {

  public QueueView(QueueViewModel vm) {
    TableView<QueueRow> table = Ui.table("queueTable", "Nothing waiting to sync.");
    table.setItems(vm.rows());
    table.getColumns().add(Ui.column("#", 50, r -> String.valueOf(r.seq())));
    table.getColumns().add(Ui.column("Entity", 110, QueueRow::entity));
    table.getColumns().add(Ui.column("Action", 70, QueueRow::action));
    table.getColumns().add(Ui.column("Idempotency key", 290, QueueRow::idempotencyKey));
    table.getColumns().add(Ui.column("Status", 80, QueueRow::status));
    table.getColumns().add(Ui.column("Tries", 60, QueueRow::retries));
    table.getColumns().add(Ui.column("Queued", 150, QueueRow::created));
    table.getColumns().add(Ui.column("Error", 150, QueueRow::error));
    VBox.setVgrow(table, Priority.ALWAYS);
    Label summary = Ui.muted(vm.summaryProperty());
    summary.setId("queueSummary");
    getStyleClass().add("page");
    setSpacing(12);
    getChildren().addAll(Ui.title("Sync queue"), summary, table);
  }
}
