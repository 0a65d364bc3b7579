package io.stockroom.app.status;

import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** Bottom line: online or offline, pending changes, last sync. */
public final class StatusBarView extends HBox {

  public StatusBarView(StatusBarViewModel vm) {
    Label connection = new Label();
    connection.setId("statusConnection");
    connection.textProperty().bind(vm.connectionProperty());
    connection.setGraphic(new FontIcon(MaterialDesignC.CLOUD_OFF_OUTLINE));
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(vm.connectionDetailProperty());
    connection.setTooltip(tip);
    vm.onlineProperty()
        .addListener(
            (obs, was, online) ->
                connection.setGraphic(
                    new FontIcon(
                        online
                            ? MaterialDesignC.CLOUD_CHECK_OUTLINE
                            : MaterialDesignC.CLOUD_OFF_OUTLINE)));
    Label pending = new Label();
    pending.setId("statusPending");
    pending.textProperty().bind(vm.pendingProperty());
    pending.setGraphic(new FontIcon(MaterialDesignC.CLOUD_UPLOAD_OUTLINE));
    Label lastSync = new Label();
    lastSync.setId("statusLastSync");
    lastSync.textProperty().bind(vm.lastSyncProperty());
    Label conflicts = new Label();
    conflicts.setId("statusConflicts");
    conflicts.textProperty().bind(vm.conflictsProperty());
    conflicts.visibleProperty().bind(vm.conflictsProperty().isNotEmpty());
    conflicts.managedProperty().bind(conflicts.visibleProperty());
    conflicts.getStyleClass().add("badge");
    getStyleClass().add("status-bar");
    setSpacing(12);
    javafx.scene.control.Button syncNow = new javafx.scene.control.Button("Sync now");
    syncNow.setId("syncNowButton");
    syncNow.setOnAction(e -> vm.syncNow());
    javafx.scene.control.Button stop = new javafx.scene.control.Button("Stop sync");
    stop.setId("cancelSyncButton");
    stop.setOnAction(e -> vm.cancelSync());
    // One slot: "Stop sync" takes the place of "Sync now" while a long sync runs. Without a server
    // there is nothing to sync, and no last sync to tell of.
    stop.visibleProperty().bind(vm.stoppableProperty());
    stop.managedProperty().bind(stop.visibleProperty());
    syncNow
        .visibleProperty()
        .bind(vm.account().signedInProperty().and(vm.stoppableProperty().not()));
    syncNow.managedProperty().bind(syncNow.visibleProperty());
    lastSync.visibleProperty().bind(vm.account().signedInProperty());
    lastSync.managedProperty().bind(lastSync.visibleProperty());
    Separator beforeLastSync = new Separator(Orientation.VERTICAL);
    beforeLastSync.visibleProperty().bind(lastSync.visibleProperty());
    beforeLastSync.managedProperty().bind(lastSync.visibleProperty());
    javafx.scene.control.Button account = new javafx.scene.control.Button();
    account.setId("accountButton");
    // Not signed in, the button is the offer to connect; signed in, the account's dialog.
    account
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.when(vm.account().signedInProperty())
                .then("Account...")
                .otherwise("Connect to a server..."));
    account.setOnAction(
        e -> {
          vm.account().open();
          io.stockroom.app.ui.DialogSizing.show(
              new AccountDialog(vm.account()), getScene().getWindow());
        });
    javafx.scene.layout.Region spring = new javafx.scene.layout.Region();
    HBox.setHgrow(spring, javafx.scene.layout.Priority.ALWAYS);
    getChildren()
        .addAll(
            connection,
            new Separator(Orientation.VERTICAL),
            pending,
            beforeLastSync,
            lastSync,
            conflicts,
            spring,
            stop,
            syncNow,
            account);
  }
}
