package io.stockroom.app.conflicts;

import io.stockroom.app.TextClipboard;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Why a change did not stand (the server kept its version, or refused the change), in plain words,
 * with what the user typed so it can be copied and nothing is lost.
 */
public final class ExplanationViewModel {

  private final String title;
  private final String explanation;
  private final String mine;
  private final TextClipboard clipboard;
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

  public ExplanationViewModel(
      String title, String explanation, String payload, TextClipboard clipboard) {
    this.title = title;
    this.explanation = explanation;
    this.mine = PayloadText.readable(payload);
    this.clipboard = clipboard;
  }

  /** "Copy my version": what this laptop sent, as "field: value" lines. */
  public void copyMine() {
    clipboard.copy(mine);
    message.set("Your version is on the clipboard.");
  }

  public String title() {
    return title;
  }

  public String explanation() {
    return explanation;
  }

  public String mine() {
    return mine;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
