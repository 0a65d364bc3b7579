package io.stockroom.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text rules of catalog search: how a name splits into words and how user input becomes a LIKE
 * prefix pattern. One place, so the word index ({@link WordIndex}) and the query agree.
 */
final class SearchText {

  /** The escape character of every LIKE pattern built here. */
  static final char ESCAPE = '\\';

  private SearchText() {}

  /** Lower-case words of a name split on anything but letters and digits. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    if (name == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
      i += Character.charCount(cp);
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    words.replaceAll(w -> w.toLowerCase(Locale.ROOT));
    return words;
  }

  /** Whether {@code text} is one word: letters and digits only, as {@link #words} keeps them. */
  static boolean isOneWord(String text) {
    return !text.isEmpty() && text.codePoints().allMatch(Character::isLetterOrDigit);
  }

  /**
   * The words the {@link WordIndex} holds for a name: every word, distinct. The first too, although
   * a prefix match on the name finds it when the name starts with it: "(M8) Hex bolt" does not.
   */
  static Set<String> indexedWords(String name) {
    return new LinkedHashSet<>(words(name));
  }

  /** The trimmed query, or null when it is blank (then every item matches). */
  static String query(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    return t.isEmpty() ? null : t;
  }

  /** {@code text} as a LIKE prefix pattern with its wildcards escaped. */
  static String prefixPattern(String text) {
    StringBuilder p = new StringBuilder(text.length() + 2);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == ESCAPE) {
        p.append(ESCAPE);
      }
      p.append(c);
    }
    return p.append('%').toString();
  }
}
