package io.stockroom.sync;

import io.stockroom.domain.MutationAction;
import io.stockroom.domain.QueuedMutation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The order and the batches in which due mutations are pushed. */
final class PushPlan {

  /** Mutations per push request (the protocol allows 1000). */
  static final int BATCH = 500;

  /** Uncompressed bytes per push request, well under the protocol's 8 MiB. */
  static final int BATCH_BYTES = 4 * 1024 * 1024;

  /** How many due mutations one push round reads. */
  static final int ROUND = 2000;

  private PushPlan() {}

  /** Creates before updates before deletes, parents before children, then queue order. */
  static List<QueuedMutation> order(List<QueuedMutation> due) {
    List<QueuedMutation> sorted = new ArrayList<>(due);
    sorted.sort(
        Comparator.comparing((QueuedMutation m) -> m.entityType().ordinal())
            .thenComparing(m -> actionRank(m.action()))
            .thenComparingLong(QueuedMutation::seq));
    return sorted;
  }

  private static int actionRank(MutationAction a) {
    return switch (a) {
      case CREATE -> 0;
      case UPDATE -> 1;
      case DELETE -> 2;
    };
  }

  /** Consecutive runs of one entity, cut at the batch size and byte budget. */
  static List<List<QueuedMutation>> batches(List<QueuedMutation> ordered) {
    List<List<QueuedMutation>> out = new ArrayList<>();
    List<QueuedMutation> current = new ArrayList<>();
    long bytes = 0;
    for (QueuedMutation m : ordered) {
      boolean cut =
          !current.isEmpty()
              && (current.get(0).entityType() != m.entityType()
                  || current.size() >= BATCH
                  || bytes + m.payload().length() > BATCH_BYTES);
      if (cut) {
        out.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(m);
      bytes += m.payload().length();
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
