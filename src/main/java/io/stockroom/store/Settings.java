package io.stockroom.store;

import static io.stockroom.store.jooq.Tables.LOCAL_SETTINGS;

import io.stockroom.domain.SettingsService;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Local settings (client-wins, never synced): a plain name/value table. Also holds what the store
 * itself must remember across restarts: the HLC node id, the last HLC stamp and the current site.
 */
public final class Settings implements SettingsService {

  static final String NODE_ID = "hlc.node";
  static final String LAST_STAMP = "hlc.last";
  static final String CURRENT_SITE = "site.current";

  /** The sync server this profile signs in to. */
  public static final String SERVER_URL = "sync.server_url";

  /** The user this profile signs in as. */
  public static final String USER = "sync.user";

  private final Tx tx;

  Settings(Tx tx) {
    this.tx = tx;
  }

  @Override
  public Optional<String> get(String name) {
    return get(tx.read(), name);
  }

  @Override
  public void put(String name, String value) {
    tx.run(t -> put(t, name, value));
  }

  /** Forgets a value; nothing happens when it is not set. */
  public void remove(String name) {
    tx.run(t -> remove(t, name));
  }

  static Optional<String> get(DSLContext ctx, String name) {
    return ctx.select(LOCAL_SETTINGS.VALUE)
        .from(LOCAL_SETTINGS)
        .where(LOCAL_SETTINGS.NAME.eq(name))
        .fetchOptional(LOCAL_SETTINGS.VALUE);
  }

  /** Forgets a value inside the caller's transaction. */
  static void remove(DSLContext ctx, String name) {
    ctx.deleteFrom(LOCAL_SETTINGS).where(LOCAL_SETTINGS.NAME.eq(name)).execute();
  }

  /** Sets a value inside the caller's transaction. */
  static void put(DSLContext ctx, String name, String value) {
    ctx.mergeInto(LOCAL_SETTINGS)
        .using(ctx.selectOne())
        .on(LOCAL_SETTINGS.NAME.eq(name))
        .whenMatchedThenUpdate()
        .set(LOCAL_SETTINGS.VALUE, value)
        .whenNotMatchedThenInsert(LOCAL_SETTINGS.NAME, LOCAL_SETTINGS.VALUE)
        .values(name, value)
        .execute();
  }
}
