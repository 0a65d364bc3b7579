package io.stockroom.app;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.OutboxService;
import io.stockroom.domain.StockService;

/** The domain services the screens call; the composition root gets them from the local store. */
public record Services(
    CatalogService catalog, LocationService locations, StockService stock, OutboxService outbox) {}
