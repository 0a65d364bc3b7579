package io.stockroom.domain;

/**
 * The rule for a password, where one is set or typed in: a line of text of 1 to 1000 characters,
 * without control characters (a tab is allowed). Binary input (a file piped in by mistake, a closed
 * standard input the system filled with another file) is refused, never stored as someone's
 * password.
 */
public final class Password {

  public static final int MAX_LENGTH = 1000;

  private Password() {}

  /** Returns {@code password} when it is one; else a {@link ValidationException}. */
  public static String check(String password) {
    if (password == null || password.isEmpty()) {
      throw new ValidationException("password", "the password must not be empty");
    }
    if (password.length() > MAX_LENGTH) {
      throw new ValidationException(
          "password", "the password is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\ufffd') {
        throw new ValidationException(
            "password", "the password is not a line of text (it holds control characters)");
      }
    }
    return password;
  }
}
