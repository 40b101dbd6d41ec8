package dev.mtasts.cli;

/** Seconds as a person reads them. */
final class Durations {

    private Durations() {
    }

    static String humanReadable(long seconds) {
        if (seconds >= 86_400 && seconds % 3_600 == 0) {
            long days = seconds / 86_400;
            long hours = (seconds % 86_400) / 3_600;
            return days + (days == 1 ? " day" : " days") + (hours == 0 ? "" : " " + hours + " h");
        }
        if (seconds >= 3_600) {
            return seconds / 3_600 + " h " + (seconds % 3_600) / 60 + " min";
        }
        if (seconds >= 60) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds + " s";
    }
}
