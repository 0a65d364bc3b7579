package io.stockroom.app.scan;

import atlantafx.base.controls.CustomTextField;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

/** The scan field of the top bar and the line that answers a scan. */
public final class ScanView extends HBox {

  private final CustomTextField field = new CustomTextField();

  public ScanView(ScanViewModel vm) {
    field.setId("scanField");
    field.setPromptText("Scan or type a barcode  (Ctrl+K)");
    field.setLeft(new FontIcon(MaterialDesignB.BARCODE_SCAN));
    field.setPrefColumnCount(22);
    field.textProperty().bindBidirectional(vm.codeProperty());
    field.setOnAction(e -> vm.scan());
    Label message = new Label();
    message.setId("scanMessage");
    message.textProperty().bind(vm.messageProperty());
    vm.unknownProperty()
        .addListener((obs, was, unknown) -> message.pseudoClassStateChanged(UNKNOWN, unknown));
    message.getStyleClass().add("scan-message");
    setSpacing(10);
    setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    getChildren().addAll(field, message);
  }

  private static final javafx.css.PseudoClass UNKNOWN =
      javafx.css.PseudoClass.getPseudoClass("unknown");

  public CustomTextField field() {
    return field;
  }

  /** A key typed elsewhere by a scanner: continue the code here. */
  public void takeOver(String typed) {
    field.requestFocus();
    field.appendText(typed);
    field.positionCaret(field.getLength());
  }
}
