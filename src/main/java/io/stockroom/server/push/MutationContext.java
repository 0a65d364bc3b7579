package io.stockroom.server.push;

import io.stockroom.domain.Hlc;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MutationAction;
import io.stockroom.protocol.Mutation;
import io.stockroom.server.auth.Principal;
import io.stockroom.server.store.ServerClock;
import io.stockroom.server.store.WriteTx;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;

/** One mutation being applied: who sent it, what it says, and the transaction it writes in. */
public record MutationContext(
    WriteTx tx,
    Principal user,
    Mutation mutation,
    MutationAction action,
    Data data,
    Instant now,
    ServerClock clock,
    IdGenerator ids) {

  public DSLContext dsl() {
    return tx.dsl();
  }

  public UUID key() {
    return mutation.idempotencyKey();
  }

  public UUID id() {
    return mutation.entityId();
  }

  public Long baseVersion() {
    return mutation.baseVersion();
  }

  /**
   * The client's stamp for {@code field} (merged into the server clock, or replaced by a server
   * stamp when it runs too far ahead), or a fresh server stamp when the client sent none.
   */
  public Hlc stamp(String field) {
    String text = mutation.fieldClock() == null ? null : mutation.fieldClock().get(field);
    if (text == null) {
      return clock.now();
    }
    Hlc parsed = ServerClock.parseOrNull(text);
    if (parsed == null) {
      throw Rejection.invalid("field_clock." + field + " is not an HLC timestamp");
    }
    return clock.accept(parsed);
  }

  public void requireAdmin(String what) {
    if (!user.isAdmin()) {
      throw new Rejection("forbidden", "only an admin may " + what);
    }
  }
}
