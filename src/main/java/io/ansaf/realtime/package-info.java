/**
 * Committed content changes delivered to WebSocket dashboards, across instances through Redis.
 * Services fire {@link io.ansaf.content.ContentChanged}; after commit {@link
 * io.ansaf.content.ChangeFeed} publishes it (or, without Redis, re-fires it in-process) and
 * re-fires what every instance receives as {@link io.ansaf.content.Inbound @Inbound}; {@link
 * io.ansaf.realtime.Dashboards} sends each socket what its viewer may read.
 */
package io.ansaf.realtime;
