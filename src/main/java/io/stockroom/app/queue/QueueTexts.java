package io.stockroom.app.queue;

import io.stockroom.domain.MutationAction;
import java.util.Locale;

/** The words of the sync screen: sizes, why a cycle ran, what a queued change does. */
final class QueueTexts {

  private QueueTexts() {}

  /** A byte count as people read it: "512 B", "1.5 KB", "2.0 MB". */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }

  /** Why a cycle ran, as the sync log says it. */
  static String triggerWord(String trigger) {
    return switch (trigger == null ? "" : trigger) {
      case "interval" -> "Timer";
      case "local_write" -> "Your change";
      case "live" -> "Server change";
      case "connectivity" -> "Network back";
      case "retry" -> "Retry";
      case "manual" -> "Sync now";
      case "startup" -> "Start";
      default -> trigger == null ? "" : trigger.replace('_', ' ');
    };
  }

  static String actionWord(MutationAction a) {
    return switch (a) {
      case CREATE -> "new";
      case UPDATE -> "changed";
      case DELETE -> "deleted";
    };
  }

  static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
