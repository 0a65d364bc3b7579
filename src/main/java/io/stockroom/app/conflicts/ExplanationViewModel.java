package io.stockroom.app.conflicts;

import io.stockroom.app.ui.TextClipboard;
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

  /**
   * @param record what the change was about in a worker's words ("TAPE-50 from A-01 to B-02"): the
   *     payload's ids are left out of the text, so the record is named at its top
   */
  public ExplanationViewModel(
      String title, String explanation, String record, String payload, TextClipboard clipboard) {
    this.title = title;
    this.explanation = explanation;
    String fields = PayloadText.readable(payload);
    this.mine =
        record == null || record.isBlank()
            ? fields
            : "Record: " + record + (fields.isEmpty() ? "" : "\n" + fields);
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
