package io.stockroom.server.push;

import static io.stockroom.server.store.jooq.Tables.SITES;

import io.stockroom.domain.EntityType;
import io.stockroom.domain.TextField;
import io.stockroom.protocol.MutationResult;
import io.stockroom.server.store.jooq.tables.records.SitesRecord;
import io.stockroom.server.wire.RowRecords;
import java.util.Locale;

/**
 * Sites are server-wins and read-only for staff ({@code read_only}). An admin's edit based on an
 * older version than the server's comes back as a conflict carrying the server's record.
 */
final class SitePolicy implements EntityPolicy {

  @Override
  public MutationResult apply(MutationContext c) {
    if (!c.user().isAdmin()) {
      throw new Rejection("read_only", "sites are read-only for staff");
    }
    SitesRecord row = c.dsl().selectFrom(SITES).where(SITES.ID.eq(c.id())).fetchOne();
    if (row == null && c.action() != io.stockroom.domain.MutationAction.CREATE) {
      throw new Rejection("unknown_site", "no site with id " + c.id());
    }
    if (row != null && c.baseVersion() != null && row.getVersion() > c.baseVersion()) {
      return MutationResult.conflict(
          c.key(), RowRecords.site(row), "the site changed on the server (server wins)", null);
    }
    return switch (c.action()) {
      case CREATE, UPDATE -> write(c, row);
      case DELETE -> delete(c, row);
    };
  }

  private MutationResult write(MutationContext c, SitesRecord existing) {
    Data d = c.data();
    SitesRecord r = existing == null ? c.dsl().newRecord(SITES) : existing;
    if (existing != null && existing.getIsDeleted()) {
      throw new Rejection("deleted", "site " + existing.getCode() + " was deleted");
    }
    String code =
        existing == null ? d.requiredText(TextField.SITE_CODE) : d.text(TextField.SITE_CODE);
    if (code != null) {
      String key = code.toLowerCase(Locale.ROOT);
      if (c.dsl().fetchExists(SITES, SITES.CODE_KEY.eq(key).and(SITES.ID.ne(c.id())))) {
        throw new Rejection("duplicate_code", "another site has code " + code);
      }
      r.setCode(code);
      r.setCodeKey(key);
    }
    String name = d.text(TextField.SITE_NAME);
    if (name != null) {
      r.setName(name);
    } else if (existing == null || d.has("name")) {
      r.setName(r.getCode());
    }
    long version = c.tx().nextVersion();
    r.setVersion(version);
    r.setUpdatedAt(c.now());
    if (existing == null) {
      r.setId(c.id());
      r.setCreatedAt(c.now());
      r.setIsDeleted(false);
      r.insert();
    } else {
      r.update();
    }
    c.tx().changed(EntityType.SITES, r.getId(), version);
    return MutationResult.accepted(c.key(), r.getId(), version, RowRecords.site(r));
  }

  private MutationResult delete(MutationContext c, SitesRecord row) {
    if (!row.getIsDeleted()) {
      long version = c.tx().nextVersion();
      row.setIsDeleted(true);
      row.setCodeKey("#" + row.getId());
      row.setVersion(version);
      row.setUpdatedAt(c.now());
      row.update();
      c.tx().changed(EntityType.SITES, row.getId(), version);
    }
    return MutationResult.accepted(c.key(), row.getId(), row.getVersion(), RowRecords.site(row));
  }
}
