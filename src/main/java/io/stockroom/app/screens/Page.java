package io.stockroom.app.screens;

/** The screens of the left navigation, in order; Ctrl+1..7 select them. */
public enum Page {
  ITEMS("Items"),
  MOVEMENT("Receive / Pick"),
  COUNT("Cycle count"),
  ACTIVITY("Activity"),
  QUEUE("Sync"),
  LOCATIONS("Locations"),
  CONFLICTS("Conflicts");

  private final String title;

  Page(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
