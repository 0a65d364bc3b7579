/**
 * The one JSON configuration of the code base: the protocol's codec, the store's columns and files,
 * the server's item clocks and the command line's {@code --json} output all use its mapper, so
 * names, instants and decimals read and write alike everywhere. Depends on Jackson and {@code
 * domain} only.
 */
package io.stockroom.json;
