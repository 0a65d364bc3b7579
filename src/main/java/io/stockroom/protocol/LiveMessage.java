package io.stockroom.protocol;

/**
 * What the live channel sends: {@code {"type": "changed", "entity": "items", "version": 43}}. A
 * poke is a hint to pull, so a laptop reads a missing entity or version as "pull" all the same.
 */
public record LiveMessage(String type, String entity, Long version) {

  public static LiveMessage changed(String entity, long version) {
    return new LiveMessage("changed", entity, version);
  }
}
