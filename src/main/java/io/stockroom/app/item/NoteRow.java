package io.stockroom.app.item;

import java.util.UUID;

public record NoteRow(UUID id, String body, String byline) {

  @Override
  public String toString() {
    return body + "\n" + byline;
  }
}
