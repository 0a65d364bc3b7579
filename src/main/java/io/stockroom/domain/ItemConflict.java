package io.stockroom.domain;

import java.util.List;
import java.util.UUID;

/**
 * An item this laptop changed while the server's copy changed too. {@code fields} lists every field
 * this laptop sent: the conflicting ones (changed on both sides) and the ones that merged cleanly.
 */
public record ItemConflict(UUID conflictId, UUID itemId, String label, List<Field> fields) {

  /**
   * One field: this laptop's value, the server's, the common base when known (null otherwise), and
   * whether it was changed on both sides.
   */
  public record Field(
      ItemField field, String yours, String theirs, String base, boolean conflicting) {

    /** Sent by this laptop and now equal on both sides. */
    public boolean merged() {
      return !conflicting && java.util.Objects.equals(yours, theirs);
    }
  }
}
