package io.stockroom.app.ui;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** {@link TextClipboard} as the system clipboard (call on the FX thread). */
public final class FxClipboard implements TextClipboard {

  @Override
  public void copy(String text) {
    ClipboardContent c = new ClipboardContent();
    c.putString(text);
    Clipboard.getSystemClipboard().setContent(c);
  }
}
