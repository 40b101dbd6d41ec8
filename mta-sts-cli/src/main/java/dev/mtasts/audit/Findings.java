package dev.mtasts.audit;

import java.util.ArrayList;
import java.util.List;

/** Collects findings as checks make them. */
final class Findings {

    private final List<Finding> list = new ArrayList<>();

    void add(FindingCode code, String message, String fix) {
        list.add(code.finding(message, fix));
    }

    List<Finding> list() {
        return List.copyOf(list);
    }
}
