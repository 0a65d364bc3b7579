package io.stockroom.protocol;

/** Every error answer: {@code {"error": {"code": "...", "message": "..."}}}. */
public record ErrorBody(Detail error) {

  /**
   * The code of a 401 for a token that was revoked (by an admin, or signed out): a laptop told so
   * removes the server's sites from its disk (decision record 0043).
   */
  public static final String TOKEN_REVOKED = "token_revoked";

  public record Detail(String code, String message) {}

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message));
  }
}
