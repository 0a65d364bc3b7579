package io.stockroom.sync;

import java.util.List;

/**
 * A login the server accepted, not stored yet: it waits for the user's choice among {@code sites},
 * the sites the user may work in as the server lists them.
 */
public record Login(String serverUrl, String user, String token, List<UserSite> sites) {

  public Login {
    sites = List.copyOf(sites);
  }

  @Override
  public String toString() {
    return "Login[" + serverUrl + ", " + user + ", " + sites + "]"; // never the token
  }
}
