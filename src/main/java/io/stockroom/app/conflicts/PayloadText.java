package io.stockroom.app.conflicts;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data} of an outbox payload as "Field: value" lines, for a person to read or paste, in
 * the forms' words and without ids. The payload is flat JSON with scalar values, so a small scanner
 * does.
 */
final class PayloadText {

  private PayloadText() {}

  static String readable(String payload) {
    if (payload == null) {
      return "";
    }
    int start = payload.indexOf("\"data\"");
    if (start < 0) {
      return payload;
    }
    int open = payload.indexOf('{', start);
    List<String> lines = new ArrayList<>();
    int i = open + 1;
    while (i < payload.length() && payload.charAt(i) != '}') {
      char c = payload.charAt(i);
      if (c == '"') {
        int[] end = new int[1];
        String key = string(payload, i, end);
        i = payload.indexOf(':', end[0]) + 1;
        while (Character.isWhitespace(payload.charAt(i))) {
          i++;
        }
        String value;
        if (payload.charAt(i) == '"') {
          value = string(payload, i, end);
          i = end[0];
        } else {
          int j = i;
          while (j < payload.length() && ",}".indexOf(payload.charAt(j)) < 0) {
            j++;
          }
          value = payload.substring(i, j).strip();
          value = "null".equals(value) ? "" : value;
          i = j;
        }
        if (!key.equals("id") && !key.endsWith("_id")) {
          lines.add(label(key) + ": " + value);
        }
      } else {
        i++;
      }
    }
    return String.join("\n", lines);
  }

  /**
   * A field as the forms name it ("reorder_point" reads "Reorder point"). Ids are left out by the
   * caller: they mean nothing to a worker, and the record is named beside the text.
   */
  static String label(String key) {
    return switch (key) {
      case "sku" -> "SKU";
      case "counted_quantity" -> "Counted";
      case "expected_quantity" -> "Expected";
      default -> {
        String words = key.replace('_', ' ');
        yield words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
      }
    };
  }

  /** The JSON string starting at {@code from} (a quote); {@code end[0]} is set past its close. */
  private static String string(String s, int from, int[] end) {
    StringBuilder b = new StringBuilder();
    int i = from + 1;
    while (s.charAt(i) != '"') {
      char c = s.charAt(i);
      if (c == '\\') {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> b.append(n);
        }
      } else {
        b.append(c);
      }
      i++;
    }
    end[0] = i + 1;
    return b.toString();
  }
}
