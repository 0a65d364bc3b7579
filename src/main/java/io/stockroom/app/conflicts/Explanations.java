package io.stockroom.app.conflicts;

import java.util.Locale;
import java.util.Map;

/** The server's error codes and conflict policies in words a warehouse worker understands. */
public final class Explanations {

  private static final Map<String, String> CODES =
      Map.ofEntries(
          Map.entry(
              "deleted",
              "Someone deleted this record on another device, so your change had nothing to apply to."),
          Map.entry(
              "duplicate_barcode",
              "Another item already uses this barcode. Each barcode can belong to one item only."),
          Map.entry(
              "duplicate_sku",
              "Another item already uses this SKU. Each SKU can belong to one item only."),
          Map.entry("duplicate_code", "A bin with this code already exists in the warehouse."),
          Map.entry(
              "forbidden",
              "Your account is not allowed to make this change. Ask an administrator."),
          Map.entry(
              "read_only",
              "This kind of record can only be changed on the server, not from a laptop."),
          Map.entry("invalid_state", "This record was already settled on another device."),
          Map.entry("unknown_item", "The item no longer exists on the server."),
          Map.entry("unknown_location", "The bin no longer exists on the server."),
          Map.entry("unknown_site", "The warehouse no longer exists on the server."),
          Map.entry("unknown_note", "The note no longer exists on the server."),
          Map.entry("unknown_count", "The count no longer exists on the server."),
          Map.entry(
              "validation_failed",
              "The server did not accept the values: something is missing or too long."));

  private Explanations() {}

  /** A failed mutation's stored error ({@code code: message}) as a sentence. */
  public static String forError(String error) {
    if (error == null || error.isBlank()) {
      return "The server refused this change.";
    }
    int colon = error.indexOf(':');
    String code = (colon < 0 ? error : error.substring(0, colon)).strip();
    String detail = colon < 0 ? "" : error.substring(colon + 1).strip();
    String sentence = CODES.get(code.toLowerCase(Locale.ROOT));
    if (sentence == null) {
      return "The change could not be sent yet (" + error.strip() + "). It will not be lost.";
    }
    return detail.isEmpty() ? sentence : sentence + " (Server said: " + detail + ")";
  }

  /**
   * An error as a table cell shows it: the server's message without its code ("duplicate_sku:
   * another item has SKU X" reads "Another item has SKU X"); the code stays in the details.
   */
  public static String inWords(String error) {
    if (error == null) {
      return "";
    }
    java.util.regex.Matcher m = CODE_PREFIX.matcher(error.strip());
    String rest = m.matches() ? m.group(1) : error.strip();
    return rest.isEmpty() ? rest : Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
  }

  private static final java.util.regex.Pattern CODE_PREFIX =
      java.util.regex.Pattern.compile(
          "[a-z]+(?:_[a-z]+)*:\\s*(.*)", java.util.regex.Pattern.DOTALL);

  /** Why a conflict was settled the server's way, by its policy. */
  public static String forPolicy(String policy) {
    return switch (policy == null ? "" : policy) {
      case "SERVER_WINS" ->
          "Only the server (an administrator) decides this record; the server's version was kept.";
      case "LAST_WRITE_WINS" -> "Someone changed this after you did; the latest change was kept.";
      case "CLIENT_WINS" -> "Your version was sent again on top of the server's.";
      case "MERGED" ->
          "The server already had a bin with this code: yours was merged into it, with every"
              + " move and count you recorded there.";
      default -> "The server's version was kept.";
    };
  }
}
