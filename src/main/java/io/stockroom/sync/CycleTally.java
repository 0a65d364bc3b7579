package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Counters of one sync cycle, and the notices it leaves for the user. */
final class CycleTally {
  int pulled;
  int pushed;
  int accepted;

  /** The entities of the mutations the server accepted this cycle. */
  final Set<EntityType> acceptedTypes = EnumSet.noneOf(EntityType.class);

  int conflicts;
  int rejected;
  int failed;
  final List<String> notices = new ArrayList<>();

  /**
   * How much of the local store this cycle has changed so far: records pulled, mutations whose
   * answers were settled, and notices (a site left behind is one).
   */
  int localChanges() {
    return pulled + pushed + notices.size();
  }
}
