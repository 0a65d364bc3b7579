package io.stockroom.domain;

import java.util.Locale;

public enum MutationAction {
  CREATE,
  UPDATE,
  DELETE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MutationAction fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
