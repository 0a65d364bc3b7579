package io.stockroom.app.conflicts;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** Why a change did not stand, in plain words, and what was typed, with "Copy my version". */
final class ExplanationDialog extends Dialog<Void> {

  ExplanationDialog(ExplanationViewModel vm) {
    setTitle(vm.title());
    Label why = new Label(vm.explanation());
    why.setId("explanationText");
    why.setWrapText(true);
    why.setMaxWidth(640); // a long sentence wraps instead of widening the dialog to the screen
    TextArea mine = new TextArea(vm.mine());
    mine.setId("myVersionText");
    mine.setEditable(false);
    mine.setPrefRowCount(Math.min(12, Math.max(3, vm.mine().split("\n", -1).length)));
    mine.setPrefColumnCount(36);
    Button copy = new Button("Copy my version");
    copy.setId("copyMyVersionButton");
    copy.setOnAction(e -> vm.copyMine());
    Label message = new Label();
    message.setId("explanationMessage");
    message.textProperty().bind(vm.messageProperty());
    VBox box = new VBox(10, why, new Label("What you sent:"), mine, copy, message);
    box.setPadding(new Insets(12));
    getDialogPane().setContent(box);
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    getDialogPane().setMinWidth(520); // grows to its content: DialogSizing
  }
}
