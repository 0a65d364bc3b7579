package io.stockroom.app.conflicts;

/** Keeps the last dialog each kind of entry opened. */
final class RecordingConflictDialogs implements ConflictDialogs {

  ItemConflictViewModel item;
  CountConflictViewModel count;
  ExplanationViewModel explanation;

  @Override
  public void showItem(ItemConflictViewModel vm) {
    item = vm;
  }

  @Override
  public void showCount(CountConflictViewModel vm) {
    count = vm;
  }

  @Override
  public void showExplanation(ExplanationViewModel vm) {
    explanation = vm;
  }
}
