package io.stockroom.protocol;

import io.stockroom.domain.ServerRecord;
import java.util.List;
import java.util.UUID;

/**
 * One page of a pull: records changed since the cursor, ids deleted since, the next cursor. The
 * records are all of the entity pulled; {@link JsonCodec#readPull} decodes them as its type.
 */
public record PullResponse(
    List<ServerRecord> records, List<UUID> deletions, String cursor, boolean hasMore) {}
