package io.stockroom.domain;

/**
 * Marks an exception whose message is written for the person at the screen ("the profile is
 * read-only"), so the app shows it as what happened instead of a generic sentence. Its cause stays
 * in the details for support.
 */
public interface PlainFailure {}
