/** Committed content changes delivered to WebSocket dashboards, across instances through Redis. */
package io.ansaf.realtime;
