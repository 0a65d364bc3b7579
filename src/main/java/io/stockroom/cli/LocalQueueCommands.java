package io.stockroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stockroom.domain.QueuedMutation;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code local queue} and {@code local conflicts}. */
final class LocalQueueCommands {

  private LocalQueueCommands() {}

  @Command(
      name = "queue",
      mixinStandardHelpOptions = true,
      description = "Mutations waiting to sync (pending, in flight, failed), oldest first.")
  static final class Queue implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "One JSON array.")
    boolean json;

    @Override
    public Integer call() {
      List<QueuedMutation> open = local.withStore(store -> store.outbox().open());
      var out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = Json.array();
        for (QueuedMutation m : open) {
          var node = array.addObject();
          node.put("seq", m.seq());
          node.put("idempotency_key", m.idempotencyKey().toString());
          node.put("entity", m.entityType().wireName());
          node.put("action", m.action().wireName());
          node.put("entity_id", m.entityId().toString());
          node.put("status", m.status().dbValue());
          node.put("retry_count", m.retryCount());
          node.put("created_at", m.createdAt().toString());
          node.put("error", m.error());
        }
        out.println(Json.write(array));
      } else if (open.isEmpty()) {
        out.println("queue is empty");
      } else {
        out.printf(
            "%-5s %-16s %-7s %-10s %s%n", "SEQ", "ENTITY", "ACTION", "STATUS", "IDEMPOTENCY KEY");
        for (QueuedMutation m : open) {
          out.printf(
              "%-5d %-16s %-7s %-10s %s%n",
              m.seq(),
              m.entityType().wireName(),
              m.action().wireName(),
              m.status().dbValue(),
              m.idempotencyKey());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "conflicts",
      mixinStandardHelpOptions = true,
      description = "Records the server reported in conflict, waiting for a decision.")
  static final class Conflicts implements Callable<Integer> {
    @ParentCommand LocalCommand local;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "One JSON array.")
    boolean json;

    @Override
    public Integer call() {
      var conflicts = local.withStore(store -> store.conflicts());
      var out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = Json.array();
        for (var c : conflicts) {
          var node = array.addObject();
          node.put("entity", c.entityType().wireName());
          node.put("entity_id", c.entityId().toString());
          node.put("label", c.label());
        }
        out.println(Json.write(array));
      } else if (conflicts.isEmpty()) {
        out.println("no conflicts");
      } else {
        for (var c : conflicts) {
          out.printf("%-16s %s  %s%n", c.entityType().wireName(), c.entityId(), c.label());
        }
      }
      return 0;
    }
  }
}
