package io.stockroom.app.conflicts;

/** Opens the conflict dialogs; the view side shows them, tests record them. */
public interface ConflictDialogs {

  void showItem(ItemConflictViewModel vm);

  void showCount(CountConflictViewModel vm);

  void showExplanation(ExplanationViewModel vm);
}
