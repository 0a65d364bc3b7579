package io.stockroom.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do: staff record stock and edit the catalog; admins also manage sites and bins.
 */
public enum Role {
  STAFF,
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }
}
