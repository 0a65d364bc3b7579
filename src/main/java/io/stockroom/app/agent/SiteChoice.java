package io.stockroom.app.agent;

/** A site (warehouse) the signed-in user may work in, as the sign-in dialog offers it. */
public record SiteChoice(String id, String code, String name) {

  /** "MAIN · Main warehouse", or the code alone when the site has no other name. */
  public String label() {
    return name == null || name.isBlank() || name.equals(code) ? code : code + " \u00b7 " + name;
  }

  @Override
  public String toString() {
    return label();
  }
}
