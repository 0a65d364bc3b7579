package io.stockroom.app.count;

import io.stockroom.app.ui.Ui;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** Cycle count: bin, then item after item, each with its count. Enter moves on. */
public final class CountView extends VBox {

  private final TextField location = Ui.textField("countLocation", "Scan or type a bin");
  private final TextField item = Ui.textField("countItem", "Scan or type an item");
  private final TextField qty = Ui.textField("countQty", "Counted");

  public CountView(CountViewModel vm) {
    location.textProperty().bindBidirectional(vm.locationCodeProperty());
    item.textProperty().bindBidirectional(vm.itemCodeProperty());
    qty.textProperty().bindBidirectional(vm.countedProperty());
    location.setOnAction(e -> vm.confirmLocation());
    item.setOnAction(e -> vm.confirmItem());
    qty.setOnAction(e -> vm.record());
    vm.stepProperty().addListener((obs, old, step) -> focus(step));

    Button record = Ui.primary("recordCountButton", "Record count", MaterialDesignC.CHECK);
    record.setOnAction(e -> vm.record());
    Button newBin = Ui.button("newBinButton", "New bin", null);
    newBin.setOnAction(e -> vm.newBin());

    Label binInfo = Ui.muted(vm.locationInfoProperty());
    binInfo.setId("countBinInfo");
    Label itemInfo = Ui.muted(vm.itemInfoProperty());
    itemInfo.setId("countExpected");

    HBox inputs =
        new HBox(
            12,
            Ui.labelled("_Bin", location),
            Ui.labelled("_Item", item),
            Ui.labelled("_Counted", qty));
    HBox.setHgrow(inputs.getChildren().get(1), Priority.ALWAYS);

    TableView<CountRow> table = Ui.table("countsTable", "Counts you record appear here.");
    table.setItems(vm.session());
    table.getColumns().add(Ui.column("Bin", 90, CountRow::location));
    table.getColumns().add(Ui.column("SKU", 120, CountRow::sku));
    table.getColumns().add(Ui.column("Name", 200, CountRow::name));
    table.getColumns().add(Ui.column("Counted", 80, CountRow::counted));
    table.getColumns().add(Ui.column("Expected", 80, CountRow::expected));
    table.getColumns().add(Ui.column("Difference", 80, CountRow::difference));
    VBox.setVgrow(table, Priority.ALWAYS);

    getStyleClass().add("page");
    setSpacing(12);
    getChildren()
        .addAll(
            Ui.title("Cycle count"),
            muted("Scan the bin label, then each item in it and type how many you see."),
            inputs,
            binInfo,
            itemInfo,
            new HBox(8, record, newBin),
            Ui.errorLabel("countError", vm.errorProperty()),
            Ui.messageLabel("countMessage", vm.messageProperty()),
            table);
  }

  /** Puts the cursor where the count stands (when the screen opens). */
  public void focusFirstField() {
    focus(
        location.getText() == null || location.getText().isBlank()
            ? CountViewModel.Step.LOCATION
            : CountViewModel.Step.ITEM);
  }

  private void focus(CountViewModel.Step step) {
    TextField f =
        switch (step) {
          case LOCATION -> location;
          case ITEM -> item;
          case QUANTITY -> qty;
        };
    f.requestFocus();
    f.selectAll();
  }

  private static Label muted(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("text-muted");
    l.setWrapText(true);
    return l;
  }
}
