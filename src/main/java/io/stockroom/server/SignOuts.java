package io.stockroom.server;

import io.stockroom.server.auth.AuthService;
import io.stockroom.server.pull.PullService;
import io.stockroom.server.store.Notifications;
import java.util.UUID;

/**
 * What follows when sign-ins end or change, on this process and on the others sharing its database:
 * the cached sign-ins are dropped, the live sockets opened with them closed, and the pull positions
 * the feed kept for them forgotten.
 */
final class SignOuts {

  private final AuthService auth;
  private final ChangeFeed feed;
  private final PullService pull;
  private final Notifications others;

  SignOuts(AuthService auth, ChangeFeed feed, PullService pull, Notifications others) {
    this.auth = auth;
    this.feed = feed;
    this.pull = pull;
    this.others = others;
  }

  /** A device signed out here (its token is already revoked in the database). */
  void deviceSignedOut(String tokenKey) {
    heardDeviceSignedOut(tokenKey);
    others.signedOut(tokenKey);
  }

  /**
   * A user's tokens were revoked, or their sites changed, here: every device of theirs reconnects
   * and syncs with what it may see now. {@code reason} is what their sockets are closed with.
   */
  void userChanged(UUID user, String reason) {
    heardUserChanged(user, reason);
    others.userChanged(user, reason);
  }

  /** An administrator changed the user's sites here. */
  void sitesChanged(UUID user) {
    userChanged(user, "your sites changed");
  }

  /** An administrator revoked every token of the user here. */
  void revoked(UUID user) {
    userChanged(user, "signed out by an administrator");
  }

  void heardDeviceSignedOut(String tokenKey) {
    auth.forgetToken(tokenKey);
    feed.closeToken(tokenKey, "signed out");
    pull.forget(tokenKey);
  }

  void heardUserChanged(UUID user, String reason) {
    auth.forget(user);
    feed.closeUser(user, reason);
    pull.forgetUser(user);
  }
}
