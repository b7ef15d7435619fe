package io.coffer.catalog;

/** How an in-house version was built. Any field may be null when not recorded. */
public record BuildRecord(String sourceRepository, String revision, String builder, String buildCommand,
        String environment, String provenance, String recordedAt, String recordedBy) {}
