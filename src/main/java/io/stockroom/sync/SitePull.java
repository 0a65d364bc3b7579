package io.stockroom.sync;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.ServerRecord;
import io.stockroom.protocol.PullResponse;
import io.stockroom.store.SiteLoss;
import io.stockroom.store.SyncStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the sites, whole, at the start of every cycle, and removes from the laptop a site the user
 * no longer works in (see {@link SiteLoss}).
 */
final class SitePull {

  private static final Logger LOG = LoggerFactory.getLogger(SitePull.class);

  private final SyncStore store;
  private final SiteLoss siteLoss;
  private final SyncClient client;

  SitePull(SyncStore store, SiteLoss siteLoss, SyncClient client) {
    this.store = store;
    this.siteLoss = siteLoss;
    this.client = client;
  }

  /**
   * Pulls the sites whole, every cycle (they are few), because a site the user was taken off is
   * only seen as one the server no longer serves. A site lost that way leaves the laptop, its
   * unsynced changes held back first ({@link SiteLoss}); a site gained is pulled from scratch, as
   * its bins and stock were left out of every earlier pull; held-back changes of a site that is
   * here again are queued again.
   */
  void pull(CycleTally tally) throws SyncException {
    List<PullResponse> pages = new ArrayList<>();
    Set<UUID> served = new HashSet<>();
    String cursor = null;
    do {
      PullResponse page = client.pull(EntityType.SITES, cursor, SyncEngine.PAGE);
      pages.add(page);
      if (page.records() != null) {
        page.records().forEach(r -> served.add(r.id()));
      }
      cursor = page.cursor();
      if (!page.hasMore()) {
        break;
      }
    } while (true);
    if (!siteLoss.serverSites().containsAll(served)) {
      for (EntityType type : SiteLoss.SITE_SCOPED) {
        if (store.cursor(type).isPresent()) {
          store.beginRepull(type); // the new site's rows are older than the cursor
        }
      }
    }
    for (PullResponse page : pages) {
      List<ServerRecord> records = page.records() == null ? List.of() : page.records();
      List<UUID> deletions = page.deletions() == null ? List.of() : page.deletions();
      tally.pulled += store.applyPage(EntityType.SITES, records, deletions, page.cursor());
    }
    for (SiteLoss.Dropped d : siteLoss.dropAllBut(served)) {
      tally.notices.add(lost(d, "you no longer work in it"));
    }
    SiteLoss.Requeued requeued = siteLoss.requeueHeld();
    if (requeued.queued() > 0) {
      tally.notices.add(
          requeued.queued()
              + " change(s) held back from a site that is yours again are queued again");
    }
    for (java.nio.file.Path p : requeued.setAside()) {
      tally.notices.add(
          "A file of held-back changes could not be read and was set aside as "
              + p
              + "; support can recover what it holds.");
    }
  }

  /** A revoked sign-in (a device reported stolen): no site of the server stays on the laptop. */
  void dropEvery(CycleTally tally) {
    try {
      for (SiteLoss.Dropped d : siteLoss.dropAllBut(Set.of())) {
        tally.notices.add(lost(d, "this device's sign-in was revoked"));
      }
    } catch (RuntimeException e) {
      LOG.warn("could not remove the sites of a revoked sign-in", e);
    }
  }

  private static String lost(SiteLoss.Dropped d, String why) {
    String held =
        d.changes() == 0
            ? "it had no unsynced changes"
            : d.changes()
                + " unsynced change(s) are kept in "
                + d.file()
                + " and go out when the site is yours again";
    return "Site "
        + d.code()
        + " was removed from this laptop ("
        + why
        + "); "
        + held
        + "."
        + (d.wasCurrent()
            ? " You now work in this laptop's own site: sign in again to choose a site."
            : "");
  }
}
