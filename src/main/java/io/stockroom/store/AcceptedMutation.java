package io.stockroom.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockroom.domain.QueuedMutation;
import java.util.UUID;

/** One mutation the server accepted (or replayed) and what it answered for it. */
public record AcceptedMutation(
    QueuedMutation mutation, UUID serverId, Long serverVersion, ObjectNode record) {}
