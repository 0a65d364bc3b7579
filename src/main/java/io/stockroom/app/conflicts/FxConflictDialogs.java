package io.stockroom.app.conflicts;

import io.stockroom.app.ui.DialogSizing;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** {@link ConflictDialogs} as JavaFX dialogs over the main window (non-blocking). */
public final class FxConflictDialogs implements ConflictDialogs {

  private final Window owner;

  public FxConflictDialogs(Window owner) {
    this.owner = owner;
  }

  @Override
  public void showItem(ItemConflictViewModel vm) {
    show(new ItemConflictDialog(vm));
  }

  @Override
  public void showCount(CountConflictViewModel vm) {
    show(new CountConflictDialog(vm));
  }

  @Override
  public void showExplanation(ExplanationViewModel vm) {
    show(new ExplanationDialog(vm));
  }

  private void show(Dialog<?> d) {
    DialogSizing.show(d, owner);
  }
}
