package io.coffer.cli;

/** Entry point of the {@code coffer} command. */
public final class Coffer {
    private Coffer() {}

    public static void main(String[] args) {
        System.out.println("coffer");
    }
}
