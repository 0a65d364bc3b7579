package io.stockroom.app.movement;

import io.stockroom.app.ui.Ui;
import io.stockroom.domain.MovementReason;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * Receive / pick / transfer / adjust. Enter in the item field looks the item up and moves to the
 * quantity; Enter in any other field records; after a recording the cursor is back in the item
 * field with its text selected, so the next scan replaces it.
 */
public final class MovementView extends VBox {

  private static final Map<MovementReason, String> LABELS =
      Map.of(
          MovementReason.RECEIVE, "Receive (stock arrives in a bin)",
          MovementReason.PICK, "Pick (stock leaves a bin)",
          MovementReason.TRANSFER, "Transfer (bin to bin)",
          MovementReason.ADJUST, "Adjust (found or lost: fill one bin)",
          MovementReason.COUNT, "Count");

  private final TextField item = Ui.textField("movementItem", "Scan or type SKU or barcode");

  public MovementView(MovementViewModel vm) {
    ComboBox<MovementReason> reason = new ComboBox<>(vm.reasons());
    reason.setId("movementReason");
    reason.valueProperty().bindBidirectional(vm.reasonProperty());
    reason.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(MovementReason r) {
            return r == null ? "" : LABELS.get(r);
          }

          @Override
          public MovementReason fromString(String s) {
            return null;
          }
        });
    reason.setMaxWidth(Double.MAX_VALUE);

    TextField qty = Ui.textField("movementQty", "e.g. 12");
    TextField from = Ui.textField("movementFrom", "Bin code");
    TextField to = Ui.textField("movementTo", "Bin code");
    TextField reference = Ui.textField("movementReference", "Order, delivery note… (optional)");
    item.textProperty().bindBidirectional(vm.itemCodeProperty());
    qty.textProperty().bindBidirectional(vm.quantityProperty());
    from.textProperty().bindBidirectional(vm.fromCodeProperty());
    to.textProperty().bindBidirectional(vm.toCodeProperty());
    reference.textProperty().bindBidirectional(vm.referenceProperty());
    from.disableProperty().bind(vm.fromEnabledBinding().not());
    to.disableProperty().bind(vm.toEnabledBinding().not());
    item.setOnAction(e -> vm.itemEntered());
    for (TextField f : new TextField[] {qty, from, to, reference}) {
      f.setOnAction(e -> vm.record());
    }
    Map<String, TextField> fields =
        Map.of(
            MovementViewModel.ITEM, item,
            MovementViewModel.QUANTITY, qty,
            MovementViewModel.FROM, from,
            MovementViewModel.TO, to,
            MovementViewModel.REFERENCE, reference);
    vm.setFocusHandler(
        name -> {
          TextField f = fields.get(name);
          if (f != null && !f.isDisabled()) {
            f.requestFocus();
            f.selectAll();
          }
        });

    Label preview = Ui.muted(vm.previewProperty());
    preview.setId("movementPreview");
    preview.getStyleClass().add("movement-preview");
    preview.visibleProperty().bind(preview.textProperty().isNotEmpty());
    preview.managedProperty().bind(preview.visibleProperty());

    GridPane form = new GridPane();
    form.setHgap(12);
    form.setVgap(10);
    form.add(Ui.labelled("_What happened", reason), 0, 0, 2, 1);
    VBox itemBox = Ui.checked("_Item", item, vm.problem(MovementViewModel.ITEM));
    itemBox.getChildren().add(preview);
    form.add(itemBox, 0, 1);
    form.add(Ui.checked("_Quantity", qty, vm.problem(MovementViewModel.QUANTITY)), 1, 1);
    form.add(Ui.checked("_From bin", from, vm.problem(MovementViewModel.FROM)), 0, 2);
    form.add(Ui.checked("_To bin", to, vm.problem(MovementViewModel.TO)), 1, 2);
    form.add(
        Ui.checked("R_eference", reference, vm.problem(MovementViewModel.REFERENCE)), 0, 3, 2, 1);
    form.setMaxWidth(640);
    for (int i = 0; i < 2; i++) {
      ColumnConstraints c = new ColumnConstraints();
      c.setPercentWidth(50);
      form.getColumnConstraints().add(c);
    }

    Button record = Ui.primary("recordMovementButton", "", MaterialDesignC.CHECK);
    record.textProperty().bind(vm.recordTextBinding());
    record.setOnAction(e -> vm.record());
    record.disableProperty().bind(vm.busyProperty());

    Label hint =
        new Label(
            "Recorded on this laptop at once and queued for the next sync. Stock may go negative:"
                + " a physical fact is never refused.");
    hint.setWrapText(true);
    hint.getStyleClass().add("text-muted");
    Label title = Ui.title("");
    title.setId("movementTitle");
    title.textProperty().bind(vm.titleBinding());
    getStyleClass().add("page");
    setSpacing(12);
    getChildren()
        .addAll(
            title,
            hint,
            form,
            record,
            Ui.errorLabel(
                "movementError",
                Bindings.when(vm.errorFieldProperty().isEmpty())
                    .then(vm.errorProperty())
                    .otherwise("")),
            Ui.messageLabel("movementMessage", vm.messageProperty()));
  }

  /** Puts the cursor in the item field (when the screen opens). */
  public void focusFirstField() {
    item.requestFocus();
    item.selectAll();
  }
}
