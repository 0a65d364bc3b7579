package io.stockroom.store;

/** Text cut to the width of the column that keeps it (reasons, errors, log lines). */
final class ColumnText {

  private ColumnText() {}

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
