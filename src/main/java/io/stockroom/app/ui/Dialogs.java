package io.stockroom.app.ui;

/** Modal questions, behind an interface so view-model tests need no toolkit. */
public interface Dialogs {

  /** Asks a yes/no question; true when the user confirms. */
  boolean confirm(String title, String message, String confirmLabel);
}
