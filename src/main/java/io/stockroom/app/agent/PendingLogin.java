package io.stockroom.app.agent;

import java.util.List;
import java.util.Optional;

/**
 * A login the server accepted that is not stored yet: the user works in one of its sites. {@link
 * #use} finishes it; {@link #cancel} drops it. Both block; call them off the UI thread.
 */
public interface PendingLogin {

  /** The sites the user may work in; one or none means there is nothing to choose. */
  List<SiteChoice> sites();

  /** The site to offer first: the one this laptop works in when listed, else the first. */
  Optional<SiteChoice> suggested();

  /** Stores the account, attaches this laptop's work to the site and starts syncing. */
  void use(SiteChoice site) throws SignInFailure;

  /** Drops the login; its token is revoked on the server, best effort. */
  void cancel();
}
