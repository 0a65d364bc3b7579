package io.stockroom.app;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.ConflictService;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.OutboxService;
import io.stockroom.domain.SettingsService;
import io.stockroom.domain.StockService;
import io.stockroom.domain.SyncDesk;

/** The domain services the screens call; the composition root gets them from the local store. */
public record Services(
    CatalogService catalog,
    LocationService locations,
    StockService stock,
    OutboxService outbox,
    ConflictService conflicts,
    SyncDesk desk,
    SettingsService settings) {

  /** Settings kept in memory only (fakes). */
  public Services(
      CatalogService catalog,
      LocationService locations,
      StockService stock,
      OutboxService outbox,
      ConflictService conflicts,
      SyncDesk desk) {
    this(catalog, locations, stock, outbox, conflicts, desk, SettingsService.inMemory());
  }

  /** Without a sync store behind them (fakes): an empty inbox and sync desk. */
  public Services(
      CatalogService catalog, LocationService locations, StockService stock, OutboxService outbox) {
    this(catalog, locations, stock, outbox, ConflictService.none(), SyncDesk.none());
  }
}
