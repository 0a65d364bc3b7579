package io.stockroom.protocol;

/** What the live channel sends: {@code {"type": "changed", "entity": "items", "version": 43}}. */
public record LiveMessage(String type, String entity, long version) {

  public static LiveMessage changed(String entity, long version) {
    return new LiveMessage("changed", entity, version);
  }
}
