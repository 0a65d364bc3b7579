package io.stockroom.server.push;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.IdGenerator;
import io.stockroom.domain.MutationAction;
import io.stockroom.protocol.JsonCodec;
import io.stockroom.protocol.Mutation;
import io.stockroom.protocol.MutationResult;
import io.stockroom.protocol.PushRequest;
import io.stockroom.protocol.PushResponse;
import io.stockroom.server.auth.Principal;
import io.stockroom.server.store.ServerClock;
import io.stockroom.server.store.ServerStore;
import io.stockroom.server.store.WriteTx;
import io.stockroom.server.wire.ApiError;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a push. The whole batch runs in one writing transaction with a savepoint per mutation
 * (DESIGN.md section 6): a rejected mutation rolls back alone, and each result is stored under its
 * idempotency key in the same transaction as the change, so a replayed key (in the same batch, a
 * later request or after a restart) returns the stored result and changes nothing.
 */
public final class PushService {

  private static final Logger log = LoggerFactory.getLogger(PushService.class);

  private final ServerStore store;
  private final ServerClock clock;
  private final Clock wall;
  private final IdGenerator ids;
  private final JsonCodec codec;
  private final Map<EntityType, EntityPolicy> policies = new EnumMap<>(EntityType.class);

  public PushService(
      ServerStore store, ServerClock clock, Clock wall, IdGenerator ids, JsonCodec codec) {
    this.store = store;
    this.clock = clock;
    this.wall = wall;
    this.ids = ids;
    this.codec = codec;
    Sites sites = new Sites();
    StockLedger ledger = new StockLedger();
    policies.put(EntityType.SITES, new SitePolicy());
    policies.put(EntityType.LOCATIONS, new LocationPolicy(sites));
    policies.put(EntityType.ITEMS, new ItemPolicy());
    policies.put(EntityType.ITEM_NOTES, new ItemNotePolicy());
    policies.put(EntityType.STOCK_MOVEMENTS, new MovementPolicy(sites, ledger));
    policies.put(
        EntityType.STOCK_LEVELS,
        c -> {
          throw new Rejection("read_only", "stock levels are computed by the server");
        });
    policies.put(EntityType.STOCK_COUNTS, new CountPolicy(sites, ledger));
  }

  public PushResponse push(Principal user, PushRequest request) {
    List<Checked> batch = check(request);
    List<MutationResult> results = store.writeGrouped(w -> apply(w, user, batch));
    return new PushResponse(results);
  }

  private record Checked(Mutation mutation, EntityType entity, MutationAction action) {}

  /** Envelope checks, before anything is written: a bad envelope fails the whole request. */
  private static List<Checked> check(PushRequest request) {
    if (request == null || request.mutations() == null) {
      throw ApiError.badRequest("the body must be {\"mutations\": [...]}");
    }
    if (request.mutations().size() > PushRequest.MAX_MUTATIONS) {
      throw new ApiError(
          413,
          "payload_too_large",
          "a push holds at most " + PushRequest.MAX_MUTATIONS + " mutations");
    }
    List<Checked> checked = new ArrayList<>(request.mutations().size());
    for (int i = 0; i < request.mutations().size(); i++) {
      Mutation m = request.mutations().get(i);
      String at = "mutations[" + i + "]";
      if (m == null) {
        throw ApiError.badRequest(at + " must be an object");
      }
      if (m.idempotencyKey() == null) {
        throw ApiError.badRequest(at + ".idempotency_key is required");
      }
      if (m.entityId() == null) {
        throw ApiError.badRequest(at + ".entity_id is required");
      }
      if (m.entity() == null) {
        throw ApiError.badRequest(at + ".entity is required");
      }
      EntityType entity =
          EntityType.fromWireName(m.entity())
              .orElseThrow(
                  () -> new ApiError(400, "unknown_entity", at + ": unknown entity " + m.entity()));
      MutationAction action = action(m.action(), at);
      if (m.baseVersion() != null && m.baseVersion() < 0) {
        throw ApiError.badRequest(at + ".base_version cannot be negative");
      }
      checked.add(new Checked(m, entity, action));
    }
    return checked;
  }

  private static MutationAction action(String action, String at) {
    if (action != null) {
      switch (action.toLowerCase(Locale.ROOT)) {
        case "create":
          return MutationAction.CREATE;
        case "update":
          return MutationAction.UPDATE;
        case "delete":
          return MutationAction.DELETE;
        default:
          break;
      }
    }
    throw ApiError.badRequest(at + ".action must be create, update or delete");
  }

  /**
   * A stored result, looked up by the whole primary key, one key at a time on a statement kept for
   * the transaction: with {@code idempotency_key in (...)} H2 used only the user half of the key
   * and read every result the user had ever stored, so each push got slower with the user's
   * history.
   */
  private static final String STORED =
      "select result from idempotency where user_id = ? and idempotency_key = ?";

  /**
   * Stores the results, one JDBC batch for the push: built by jOOQ as one multi-row insert, it was
   * a seventh of the writer's time in a push of new items.
   */
  private static final String STORE =
      "insert into idempotency (user_id, idempotency_key, result, created_at) values (?, ?, ?, ?)";

  private List<MutationResult> apply(WriteTx w, Principal user, List<Checked> batch) {
    Map<UUID, MutationResult> known = new HashMap<>();
    Instant now = wall.instant().truncatedTo(ChronoUnit.MILLIS);
    List<MutationResult> results = new ArrayList<>(batch.size());
    List<Object[]> fresh = new ArrayList<>();
    for (Checked b : batch) {
      UUID key = b.mutation().idempotencyKey();
      MutationResult result = known.get(key);
      if (result == null) {
        result = stored(key, b.entity(), w.text(STORED, user.userId(), key));
        if (result != null) {
          known.put(key, result);
        }
      }
      if (result == null) {
        result = applyOne(w, user, b, now);
        known.put(key, result);
        fresh.add(new Object[] {user.userId(), key, codec.writeString(result), now});
      }
      results.add(result);
    }
    if (!fresh.isEmpty()) {
      w.executeBatch(STORE, fresh);
    }
    return results;
  }

  private MutationResult applyOne(WriteTx w, Principal user, Checked b, Instant now) {
    Mutation m = b.mutation();
    try {
      return w.savepoint(
          tx ->
              policies
                  .get(b.entity())
                  .apply(
                      new MutationContext(
                          tx, user, m, b.action(), new Data(m.data()), now, clock, ids)));
    } catch (Rejection r) {
      return MutationResult.rejected(m.idempotencyKey(), r.code(), r.getMessage());
    } catch (DataAccessException e) {
      Rejection mapped = constraint(e);
      if (mapped != null) {
        return MutationResult.rejected(m.idempotencyKey(), mapped.code(), mapped.getMessage());
      }
      throw e; // the database itself failed: the whole push is answered 503 and retried
    } catch (RuntimeException | StackOverflowError e) {
      // A fault of this server on this one mutation: its savepoint is rolled back, the rest of the
      // batch goes on, and the client can retry it from its Sync screen once the server is fixed.
      log.error("mutation {} failed inside the server", m.idempotencyKey(), e);
      return MutationResult.rejected(
          m.idempotencyKey(), "internal_error", "the server failed on this change: " + e);
    }
  }

  /** A constraint the checks above did not foresee becomes a rejection, not a failed batch. */
  private static Rejection constraint(DataAccessException e) {
    String state = e.sqlState();
    if (state != null && (state.startsWith("23") || state.startsWith("22"))) {
      log.warn("mutation refused by a database constraint: {}", e.getMessage());
      return new Rejection("validation_failed", "the server's database refused the change");
    }
    return null;
  }

  private MutationResult stored(UUID key, EntityType entity, String json) {
    if (json == null) {
      return null;
    }
    try {
      return codec.readResult(json, entity);
    } catch (IOException e) {
      throw new IllegalStateException("corrupt stored result for key " + key, e);
    }
  }
}
