package io.coffer.catalog;

/** A vendor or in-house team that supplies products. */
public record Supplier(long id, String name, long products) {}
