package dev.vigil.cli.defender;

/**
 * Why a {@code vigil defender} command stopped, with its exit code: {@link #USAGE} for input the command cannot
 * use, {@link #REFUSED} when Vigil refused the request (4xx), {@link #UNAVAILABLE} when Vigil failed or could
 * not be reached (5xx, network). The message is printed as is, so it never carries the API key.
 */
final class Failure extends RuntimeException {

    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int UNAVAILABLE = 4;

    private final int exitCode;

    private Failure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static Failure usage(String message) {
        return new Failure(USAGE, message);
    }

    static Failure refused(String message) {
        return new Failure(REFUSED, message);
    }

    static Failure unavailable(String message) {
        return new Failure(UNAVAILABLE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
