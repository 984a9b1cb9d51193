package dev.vigil.web;

/** Keeps echoed user input short in error messages. */
final class Texts {

    private static final int MAX_ECHO = 64;

    private Texts() {}

    static String clip(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
