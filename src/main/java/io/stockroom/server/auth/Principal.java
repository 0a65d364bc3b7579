package io.stockroom.server.auth;

import java.util.Set;
import java.util.UUID;

/**
 * The signed-in user a request acts for. Staff see and write only their own sites; an admin sees
 * every site (and may create more).
 */
public record Principal(UUID userId, String username, Role role, Set<UUID> siteIds) {

  public Principal {
    siteIds = Set.copyOf(siteIds);
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Whether this user may see rows of {@code siteId}; {@code null} means shared by all sites. */
  public boolean canSee(UUID siteId) {
    return siteId == null || isAdmin() || siteIds.contains(siteId);
  }
}
