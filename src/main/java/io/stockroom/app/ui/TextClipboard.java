package io.stockroom.app.ui;

/** The system clipboard, behind an interface so view-model tests need no toolkit. */
@FunctionalInterface
public interface TextClipboard {

  void copy(String text);
}
