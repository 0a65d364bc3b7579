package io.stockroom.sync;

import java.util.ArrayList;
import java.util.List;

/** Counters of one sync cycle, and the notices it leaves for the user. */
final class CycleTally {
  int pulled;
  int pushed;
  int accepted;
  int conflicts;
  int rejected;
  int failed;
  final List<String> notices = new ArrayList<>();
}
