package io.stockroom.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stockroom.domain.ServerRecord;
import java.util.List;
import java.util.UUID;

/**
 * What the live channel sends: {@code {"type": "changed", "entity": "items", "version": 43}}. A
 * poke is a hint to pull, so a laptop reads a missing entity or version as "pull" all the same.
 *
 * <p>A poke may also carry what that pull would return (decision record 0049): {@code since} is the
 * cursor the device's last pull of the entity left it at, and {@code records} and {@code deletions}
 * are the page a pull from there returns, ending at {@code cursor}. A laptop whose cursor is
 * exactly {@code since} applies them and stores {@code cursor} instead of pulling; any other laptop
 * pulls as before. A client that knows none of these fields loses nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveMessage(
    String type,
    String entity,
    Long version,
    String since,
    String cursor,
    List<ServerRecord> records,
    List<UUID> deletions) {

  public static LiveMessage changed(String entity, long version) {
    return new LiveMessage("changed", entity, version, null, null, null, null);
  }

  /** A poke with the page that follows {@code since}. */
  public static LiveMessage changed(
      String entity,
      long version,
      String since,
      String cursor,
      List<ServerRecord> records,
      List<UUID> deletions) {
    return new LiveMessage("changed", entity, version, since, cursor, records, deletions);
  }

  /** Whether this poke carries the page that follows {@code since}. */
  public boolean carriesRows() {
    return since != null && cursor != null && records != null && deletions != null;
  }
}
