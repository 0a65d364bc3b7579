package io.stockroom.sync;

import java.util.UUID;

/** A site the signed-in user may work in. */
public record UserSite(UUID id, String code, String name) {}
