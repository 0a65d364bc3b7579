package io.stockroom.app.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** {@link Dialogs} as JavaFX alerts over the main window. */
public final class FxDialogs implements Dialogs {

  private final Window owner;

  public FxDialogs(Window owner) {
    this.owner = owner;
  }

  @Override
  public boolean confirm(String title, String message, String confirmLabel) {
    ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, yes, ButtonType.CANCEL);
    DialogSizing.prepare(alert, owner);
    alert.setTitle(title);
    alert.setHeaderText(null);
    return alert.showAndWait().filter(yes::equals).isPresent();
  }
}
