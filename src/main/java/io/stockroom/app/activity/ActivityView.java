package io.stockroom.app.activity;

import io.stockroom.app.ui.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The ledger, newest first, with a filter by item, bin, kind and days. */
public final class ActivityView extends VBox {

  public ActivityView(ActivityViewModel vm) {
    TextField item = Ui.textField("activityItemFilter", "SKU or name");
    item.textProperty().bindBidirectional(vm.itemProperty());
    TextField bin = Ui.textField("activityBinFilter", "Bin code");
    bin.textProperty().bindBidirectional(vm.binProperty());
    bin.setPrefColumnCount(8);
    ComboBox<ActivityViewModel.Kind> kind = new ComboBox<>(vm.kinds());
    kind.setId("activityKindFilter");
    kind.valueProperty().bindBidirectional(vm.kindProperty());
    DatePicker from = new DatePicker();
    from.setId("activityFromDay");
    from.setPromptText("First day");
    from.valueProperty().bindBidirectional(vm.fromDayProperty());
    DatePicker to = new DatePicker();
    to.setId("activityToDay");
    to.setPromptText("Last day");
    to.valueProperty().bindBidirectional(vm.toDayProperty());
    for (DatePicker d : new DatePicker[] {from, to}) {
      d.setPrefWidth(150);
    }
    Button clear =
        Ui.button("clearActivityFilter", "Show _all", MaterialDesignF.FILTER_REMOVE_OUTLINE);
    clear.setOnAction(e -> vm.clearFilter());
    FlowPane filters =
        new FlowPane(
            12,
            8,
            Ui.labelled("_Item", item),
            Ui.labelled("_Bin", bin),
            Ui.labelled("_Kind", kind),
            Ui.labelled("_From", from),
            Ui.labelled("_To", to),
            clear);
    filters.setAlignment(Pos.BOTTOM_LEFT);
    filters.setRowValignment(javafx.geometry.VPos.BOTTOM);

    TableView<MovementRow> table = Ui.table("activityTable", "");
    Label empty = new Label();
    empty.setId("activityEmpty");
    empty.textProperty().bind(vm.emptyTextProperty());
    table.setPlaceholder(empty);
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
    getChildren().addAll(Ui.title("Activity"), filters, summary, table);
  }
}
