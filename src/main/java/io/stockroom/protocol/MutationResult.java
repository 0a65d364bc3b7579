package io.stockroom.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stockroom.domain.ServerRecord;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of one mutation. {@code status} is {@code accepted}, {@code conflict} or {@code
 * rejected}; the other fields are present as that status needs them. {@code conflictFields} names
 * the item fields changed on both sides (items only). Read one with {@link JsonCodec#readPush} or
 * {@link JsonCodec#readResult}, which type its records by the mutation's entity.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MutationResult(
    UUID idempotencyKey,
    String status,
    UUID serverId,
    Long serverVersion,
    ServerRecord record,
    ServerRecord serverRecord,
    String reason,
    List<String> conflictFields,
    ErrorBody.Detail error) {

  public static final String ACCEPTED = "accepted";
  public static final String CONFLICT = "conflict";
  public static final String REJECTED = "rejected";

  public static MutationResult accepted(UUID key, UUID id, long version, ServerRecord record) {
    return new MutationResult(key, ACCEPTED, id, version, record, null, null, null, null);
  }

  public static MutationResult conflict(
      UUID key, ServerRecord serverRecord, String reason, List<String> conflictFields) {
    return new MutationResult(
        key, CONFLICT, null, null, null, serverRecord, reason, conflictFields, null);
  }

  public static MutationResult rejected(UUID key, String code, String message) {
    return new MutationResult(
        key, REJECTED, null, null, null, null, null, null, new ErrorBody.Detail(code, message));
  }
}
