package io.coffer.release;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A release as listed: without its content, with the number of items.
 *
 * @param items the number of media items
 */
public record ReleaseSummary(String id, String title, @JsonSerialize(using = IdSerializer.class) ReleaseType type,
        @JsonSerialize(using = IdSerializer.class) ReleaseStatus status, String owner, String author,
        PlannedWindow window, int items, boolean reviewRequired, String createdAt, String updatedAt) {}
