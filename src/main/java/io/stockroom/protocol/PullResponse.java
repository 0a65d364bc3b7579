package io.stockroom.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** One page of a pull: records changed since the cursor, ids deleted since, the next cursor. */
public record PullResponse(
    List<ObjectNode> records, List<UUID> deletions, String cursor, boolean hasMore) {}
