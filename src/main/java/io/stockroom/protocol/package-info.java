/**
 * The wire contract of PROTOCOL.md as Java types, and the one JSON codec client and server share.
 * Imports nothing of JavaFX, JDBC or HTTP.
 */
package io.stockroom.protocol;
