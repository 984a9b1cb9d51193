package dev.vigil.ingest;

import java.util.List;

/** An input in which not one record could be used; the rejections say why, record by record. */
public final class NothingUsable extends RuntimeException {

    private final transient List<Rejection> rejections;

    private NothingUsable(String message, List<Rejection> rejections) {
        super(message);
        this.rejections = List.copyOf(rejections);
    }

    public static NothingUsable in(List<Rejection> rejections) {
        String message = rejections.isEmpty()
                ? "the input holds no records"
                : "none of the " + rejections.size() + " record(s) could be used";
        return new NothingUsable(message, rejections);
    }

    public static NothingUsable emptyInput() {
        return new NothingUsable("the input is empty", List.of());
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
