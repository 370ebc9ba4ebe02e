package io.ansaf.content;

import java.time.Instant;

/**
 * The Redis subscription has just been (re-)established: events published while it was down are
 * lost, so every socket of this instance is told to refetch what it shows.
 */
public record Resync(Instant at) {}
