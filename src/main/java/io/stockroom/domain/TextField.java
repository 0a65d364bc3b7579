package io.stockroom.domain;

/**
 * The one rule for every text field a user or a client can write: its length limit and whether it
 * may hold line breaks. The laptop applies it before it queues a change and the server when it
 * reads a mutation, so nothing typed offline is accepted here and refused at sync.
 */
public enum TextField {
  SKU("sku", "SKU", 64, false),
  BARCODE("barcode", "Barcode", 64, false),
  ITEM_NAME("name", "Name", 200, false),
  ITEM_DESCRIPTION("description", "Description", 2000, true),
  UNIT("unit", "Unit", 16, false),
  CATEGORY("category", "Category", 64, false),
  LOCATION_CODE("code", "Location code", 64, false),
  ZONE("zone", "Zone", 64, false),
  LOCATION_DESCRIPTION("description", "Description", 500, true),
  NOTE_BODY("body", "A note", 4000, true),
  NOTE_AUTHOR("author", "Author", 100, false),
  REFERENCE("reference", "Reference", 200, false),
  SITE_CODE("code", "Site code", 64, false),
  SITE_NAME("name", "Site name", 200, false);

  private final String wireName;
  private final String label;
  private final int max;
  private final boolean multiLine;

  TextField(String wireName, String label, int max, boolean multiLine) {
    this.wireName = wireName;
    this.label = label;
    this.max = max;
    this.multiLine = multiLine;
  }

  public String wireName() {
    return wireName;
  }

  public int max() {
    return max;
  }

  public boolean multiLine() {
    return multiLine;
  }

  /**
   * The value stripped, or null when blank; refuses a value longer than the limit, control
   * characters (tab and line breaks only in multi-line fields), unpaired surrogates and the
   * replacement character a decoder leaves for bytes it could not read.
   */
  public String check(String value) {
    if (value == null) {
      return null;
    }
    // Length first, on the raw text: a huge value is refused before any other work.
    if (value.length() > 4 * max) {
      throw tooLong();
    }
    String s = value.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (s.length() > max) {
      throw tooLong();
    }
    checkCharacters(s);
    return s;
  }

  /** Like {@link #check}, but a blank value is refused with {@code requiredMessage}. */
  public String required(String value, String requiredMessage) {
    String s = check(value);
    if (s == null) {
      throw new ValidationException(wireName, requiredMessage);
    }
    return s;
  }

  private ValidationException tooLong() {
    return new ValidationException(wireName, label + " is longer than " + max + " characters.");
  }

  private void checkCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        if (!(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
          throw new ValidationException(
              wireName, label + " contains a control character (such as a tab or a line break).");
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new ValidationException(wireName, label + " contains an unpaired surrogate.");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new ValidationException(wireName, label + " contains an unpaired surrogate.");
      } else if (c == '\ufffd') {
        // What a decoder leaves of bytes it could not read: the text was garbled on its way in
        // (a terminal in another encoding), and storing it would keep the damage for good.
        throw new ValidationException(
            wireName,
            label
                + " contains an unreadable character (U+FFFD): it was garbled on its way in;"
                + " check the terminal's language setting.");
      }
    }
  }
}
