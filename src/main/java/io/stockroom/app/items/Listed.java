package io.stockroom.app.items;

import io.stockroom.domain.Item;
import java.math.BigDecimal;

/** One item of a loaded page, with its total on-hand (null: no stock recorded). */
public record Listed(Item item, BigDecimal onHand) {}
