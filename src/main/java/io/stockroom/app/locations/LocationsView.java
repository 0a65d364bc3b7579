package io.stockroom.app.locations;

import io.stockroom.app.ui.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** Bins of this site, and a line to add one. */
public final class LocationsView extends VBox {

  private final TextField code = Ui.textField("locationCode", "e.g. A-01-03");

  public LocationsView(LocationsViewModel vm) {
    TextField zone = Ui.textField("locationZone", "e.g. A (optional)");
    TextField description = Ui.textField("locationDescription", "(optional)");
    code.textProperty().bindBidirectional(vm.codeProperty());
    zone.textProperty().bindBidirectional(vm.zoneProperty());
    description.textProperty().bindBidirectional(vm.descriptionProperty());
    Button add = Ui.primary("addLocationButton", "Add bin", MaterialDesignP.PLUS);
    add.setOnAction(e -> vm.add());
    for (TextField f : new TextField[] {code, zone, description}) {
      f.setOnAction(e -> vm.add());
    }
    VBox descBox = Ui.labelled("_Description", description);
    HBox.setHgrow(descBox, Priority.ALWAYS);
    HBox form = new HBox(12, Ui.labelled("Bin _code", code), Ui.labelled("_Zone", zone), descBox);

    TableView<LocationRow> table = Ui.table("locationsTable", "No bins yet: add the first above.");
    table.setItems(vm.rows());
    table.getColumns().add(Ui.column("Bin", 120, LocationRow::code));
    table.getColumns().add(Ui.column("Zone", 80, LocationRow::zone));
    table.getColumns().add(Ui.column("Description", 260, LocationRow::description));
    table.getColumns().add(Ui.column("Sync", 80, LocationRow::status));
    VBox.setVgrow(table, Priority.ALWAYS);

    Label site = Ui.muted(vm.siteProperty());
    site.setId("locationSite");
    getStyleClass().add("page");
    setSpacing(12);
    getChildren()
        .addAll(
            Ui.title("Locations"),
            site,
            form,
            add,
            Ui.errorLabel("locationError", vm.errorProperty()),
            Ui.messageLabel("locationMessage", vm.messageProperty()),
            table);
  }

  public void focusFirstField() {
    code.requestFocus();
  }
}
