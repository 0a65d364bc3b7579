package io.stockroom.domain;

/** How the counter settles a count that met moved stock. */
public enum CountResolution {
  /** Adjust the level to the counted quantity, whatever it is now. */
  APPLY_ANYWAY,
  /** Drop this count (nothing recorded) and count the bin again. */
  RECOUNT,
  /** Drop this count; the level stays as the server has it. */
  DISCARD
}
