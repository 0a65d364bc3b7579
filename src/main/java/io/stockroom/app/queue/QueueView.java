package io.stockroom.app.queue;

import io.stockroom.app.ui.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The sync screen: the queue with retry / discard / explain, cursors, the log, "Sync now", and the
 * background sync settings (interval, low-battery pause).
 */
public final class QueueView extends VBox {

  public QueueView(QueueViewModel vm) {
    TableView<QueueRow> table = Ui.table("queueTable", "Nothing waiting to sync.");
    table.setItems(vm.rows());
    table.getColumns().add(Ui.column("#", 50, r -> String.valueOf(r.seq())));
    table.getColumns().add(Ui.column("Kind", 110, QueueRow::kind));
    table.getColumns().add(Ui.column("Record", 290, QueueRow::record));
    table.getColumns().add(Ui.column("Change", 70, QueueRow::action));
    table.getColumns().add(Ui.column("Status", 80, QueueRow::status));
    table.getColumns().add(Ui.column("Tries", 60, QueueRow::retries));
    table.getColumns().add(Ui.column("Queued", 150, QueueRow::created));
    table
        .getColumns()
        .add(
            Ui.column(
                "Error", 150, r -> io.stockroom.app.conflicts.Explanations.inWords(r.error())));
    VBox.setVgrow(table, Priority.ALWAYS);
    // The queue takes what room is left; the cursors and the log keep enough to show some rows.
    table.setPrefHeight(150);
    table.setMinHeight(100);
    var selected = table.getSelectionModel().selectedItemProperty();
    Button syncNow = Ui.primary("syncNowPageButton", "Sync now", MaterialDesignS.SYNC);
    syncNow.setOnAction(e -> vm.syncNow());
    Button retry = Ui.button("retryButton", "Retry", MaterialDesignR.REPLAY);
    retry.setOnAction(e -> vm.retry(selected.get()));
    Button discard = Ui.button("discardButton", "Discard...", MaterialDesignD.DELETE_OUTLINE);
    discard.setOnAction(e -> vm.discard(selected.get()));
    Button explain = Ui.button("explainButton", "Explain", MaterialDesignI.INFORMATION_OUTLINE);
    explain.setOnAction(e -> vm.explain(selected.get()));
    retry.disableProperty().bind(selected.isNull());
    discard.disableProperty().bind(selected.isNull());
    explain.disableProperty().bind(selected.isNull());
    Label message = Ui.muted(vm.messageProperty());
    message.setId("syncMessage");
    Label summary = Ui.muted(vm.summaryProperty());
    summary.setId("queueSummary");

    TableView<CursorRow> cursors = Ui.table("cursorsTable", "Never pulled.");
    cursors.setItems(vm.cursors());
    cursors.getColumns().add(Ui.column("Entity", 130, CursorRow::entity));
    cursors.getColumns().add(Ui.column("Cursor", 200, CursorRow::cursor));
    cursors.getColumns().add(Ui.column("Last pull", 160, CursorRow::lastPull));
    cursors.setPrefHeight(150);
    cursors.setMinHeight(120);

    TableView<LogRow> log = Ui.table("syncLogTable", "No sync yet.");
    log.setItems(vm.log());
    log.getColumns().add(Ui.column("Started", 150, LogRow::when));
    log.getColumns().add(Ui.column("Trigger", 80, LogRow::trigger));
    log.getColumns().add(Ui.column("Outcome", 70, LogRow::outcome));
    log.getColumns().add(Ui.column("Pulled", 60, LogRow::pulled));
    log.getColumns().add(Ui.column("Pushed", 60, LogRow::pushed));
    log.getColumns().add(Ui.column("Conflicts", 70, LogRow::conflicts));
    log.getColumns().add(Ui.column("Up", 70, LogRow::sent));
    log.getColumns().add(Ui.column("Down", 70, LogRow::received));
    log.getColumns().add(Ui.column("Took", 70, LogRow::millis));
    log.getColumns().add(Ui.column("Error", 150, LogRow::error));
    log.setPrefHeight(180);
    log.setMinHeight(120);
    Label totals = Ui.muted(vm.totalsProperty());
    totals.setId("syncTotals");

    ComboBox<IntervalChoice> interval = new ComboBox<>(vm.intervalChoices());
    interval.setId("syncIntervalChoice");
    interval.valueProperty().bindBidirectional(vm.intervalProperty());
    Label intervalLabel = new Label("Background sync");
    intervalLabel.setLabelFor(interval);
    CheckBox battery = new CheckBox("Pause background sync on low battery");
    battery.setId("pauseOnLowBatteryCheck");
    battery.selectedProperty().bindBidirectional(vm.pauseOnLowBatteryProperty());
    HBox intervalBox = new HBox(8, intervalLabel, interval);
    intervalBox.setAlignment(Pos.CENTER_LEFT);
    FlowPane settings = new FlowPane(16, 8, intervalBox, battery);
    settings.setAlignment(Pos.CENTER_LEFT);
    FlowPane buttons = new FlowPane(8, 8, syncNow, retry, discard, explain, message);
    buttons.setAlignment(Pos.CENTER_LEFT);

    // The queue is what a worker looks at; the log and the cursors share the room below it.
    VBox logPage = new VBox(8, totals, log);
    VBox.setVgrow(log, Priority.ALWAYS);
    Tab logTab = new Tab("Sync log", logPage);
    Tab cursorsTab = new Tab("Pull cursors", cursors);
    TabPane below = new TabPane(logTab, cursorsTab);
    below.setId("syncDetailsTabs");
    below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    below.setPrefHeight(230);
    below.setMinHeight(160);

    getStyleClass().add("page");
    setSpacing(10);
    getChildren().addAll(Ui.title("Sync"), summary, buttons, settings, table, below);
  }
}
