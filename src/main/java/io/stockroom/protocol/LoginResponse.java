package io.stockroom.protocol;

import java.util.List;
import java.util.UUID;

public record LoginResponse(String token, UserInfo user, List<SiteInfo> sites) {

  public record UserInfo(UUID id, String username, String role) {}

  public record SiteInfo(UUID id, String code, String name) {}
}
